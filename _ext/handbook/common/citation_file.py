"""The book's ``CITATION.cff``: its title, authors, version and year, read once.

``conf.py`` takes the book's version from it, and the preface's "How to cite" is written
from it, so that the citation a reader copies and the version on the title page agree.
No Sphinx here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.common.licences import LICENCE_NAMES


class CitationFileError(SystemExit):
    """A CITATION.cff the book cannot read: one line, naming the file and the field."""


@dataclass(frozen=True)
class Citation:
    title: str
    authors: str
    version: str
    year: int
    licence: str

    @property
    def licence_name(self) -> str:
        return LICENCE_NAMES.get(self.licence, self.licence)

    def text(self) -> str:
        return (f"{self.authors} ({self.year}). {self.title}, version {self.version}. "
                f"Licensed under {self.licence_name}.")

    def bibtex(self) -> str:
        key = "".join(ch for ch in self.title.lower() if ch.isalnum()) + str(self.year)
        return (f"@book{{{key},\n"
                f"  author    = {{{{{self.authors}}}}},\n"
                f"  title     = {{{self.title}}},\n"
                f"  edition   = {{Version {self.version}}},\n"
                f"  year      = {{{self.year}}},\n"
                f"  note      = {{Licensed under {self.licence_name}}}\n"
                f"}}")


def read_citation(path: Path) -> Citation:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise CitationFileError(f"{path}: cannot read the citation file: {error}") from None
    preferred = data.get("preferred-citation") or {} if isinstance(data, dict) else {}
    try:
        names = [author["name"] for author in data["authors"]]
        return Citation(title=str(data["title"]), authors=" and ".join(names),
                        version=str(data["version"]),
                        year=int(preferred.get("year") or data["date-released"].year),
                        licence=str(data["license"]))
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise CitationFileError(f"{path}: a field the book needs is missing or malformed "
                                f"({error}); it needs title, authors (names), version, "
                                "date-released and license") from None
