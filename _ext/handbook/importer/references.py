"""An imported chapter's sources: each case study's link becomes a BibTeX entry that the
case study cites (``{footcite:p}`key```), as every case study of the book does.

The entries go in ``book/references/<chapter>-imported.bib`` (a file of their own: the
book's ``references/<chapter>.bib`` is its authors', and other chapters may cite it). A
source appears once in the book (the build refuses a second entry for one web address): a
link the book already has an entry for is cited by that entry's key, and pages imported
together share their entries. A page whose link was cited before keeps the day it was
read (``urldate``), so that importing again changes nothing.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from handbook.common.text_files import read_quietly

ENTRY = re.compile(r"^@\s*(\w+)\s*\{\s*([^,\s]+)\s*,(.*?)(?=^@|\Z)", re.M | re.S)
FIELD = re.compile(r"^\s*(\w+)\s*=\s*\{(.*?)\}\s*,?\s*$", re.M)
IMPORTED_SUFFIX = "-imported"


def source_identity(url: str) -> str:
    """One web address however it is written ("https://www.x.org/a/" is "http://x.org/a"),
    as the book's bibliography check compares them."""
    return re.sub(r"^https?://(www\.)?", "", url, flags=re.I).rstrip("/").lower()


def bib_fields(body: str) -> dict[str, str]:
    return {name.lower(): value.strip() for name, value in FIELD.findall(body)}


@dataclass
class Source:
    key: str
    url: str
    text: str  # the entry as written in its file
    path: Path


def braced(text: str) -> str:
    """Text for a BibTeX field: braces balanced, special characters escaped."""
    text = re.sub(r"[{}]", "", " ".join(text.split()))
    return re.sub(r"([&%$#_])", r"\\\1", text)


@dataclass
class SourceRegistry:
    """The book's sources by web address, and the entries this import adds."""

    by_identity: dict[str, Source] = field(default_factory=dict)
    keys: set[str] = field(default_factory=set)

    @classmethod
    def of_book(cls, book: Path) -> "SourceRegistry":
        registry = cls()
        files = [book / "references.bib", *sorted((book / "references").glob("*.bib"))]
        for path in files:
            if not path.is_file():
                continue
            for match in ENTRY.finditer(read_quietly(path)):
                key, fields = match.group(2), bib_fields(match.group(3))
                registry.keys.add(key.lower())
                if fields.get("url") and "doi" not in fields:
                    registry.by_identity.setdefault(source_identity(fields["url"]), Source(
                        key, fields["url"], match.group(0).strip(), path))
        return registry

    def copy(self) -> "SourceRegistry":
        return SourceRegistry(dict(self.by_identity), set(self.keys))

    def cite(self, url: str, organisation: str, title: str, bib_file: Path) -> Source:
        """The source to cite for *url*: the book's (or this import's) entry, else a new one
        in *bib_file*."""
        known = self.by_identity.get(source_identity(url))
        if known is not None:
            return known
        stem = re.sub(r"[^a-z0-9]+", "", organisation.casefold())[:24] or "source"
        key = next(f"{stem}{suffix}" for suffix in ("web", *(f"web{n}" for n in range(2, 999)))
                   if f"{stem}{suffix}" not in self.keys)
        lines = [f"@misc{{{key},", f"  author  = {{{{{braced(organisation)}}}}},",
                 f"  title   = {{{braced(title)}}},", f"  url     = {{{url}}},",
                 f"  urldate = {{{datetime.date.today().isoformat()}}},",
                 "  note    = {Cited by the old Climate Tech Handbook site}", "}"]
        source = Source(key, url, "\n".join(lines), bib_file)
        self.keys.add(key.lower())
        self.by_identity[source_identity(url)] = source
        return source

    def forget(self, bib_file: Path) -> None:
        """The page was not written: its new entries are not there for the pages after it."""
        for identity, source in list(self.by_identity.items()):
            if source.path == bib_file:
                del self.by_identity[identity]
                self.keys.discard(source.key.lower())


def imported_bib_file(book: Path, slug: str) -> Path:
    return book / "references" / f"{slug}{IMPORTED_SUFFIX}.bib"


def bib_text(sources: list[Source], old: str | None) -> str:
    """The chapter's own entries, each as it was written before when it is the same source
    (its urldate kept), in the order the chapter cites them."""
    before = {match.group(2): match.group(0).strip() for match in ENTRY.finditer(old or "")}
    entries = []
    for source in sources:
        earlier = before.get(source.key)
        same = earlier is not None and source_identity(bib_fields(earlier).get("url", "")) == \
            source_identity(source.url)
        entries.append(earlier if same else source.text)
    return "\n\n".join(dict.fromkeys(entries)) + "\n"
