"""What the target book already holds: parts, chapters, labels, glossary terms, companies.

The importer reads the book once per run, from its sources (``book/``), so that an
imported chapter links to pages that exist, reuses the book's entry for a company
it already lists, and takes no label another page has.

Layout read: ``book/index.md`` (its toctree captioned "Parts" lists ``<part>/index``),
``book/<part>/index.md`` (part page: title and toctree), ``book/<part>/<slug>.md``
(chapters) and ``book/<page>.md`` (preface, glossary, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from handbook.common.company_entries import read_company_entries
from handbook.common.text_files import read_quietly
from handbook.importer.companies import CompanyRegistry, KnownCompany

LABEL = re.compile(r"^\(([^()\s]+)\)=\s*$", re.M)
TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)
PANEL_OPEN = re.compile(r"^(:{3,})\{company-panel\}")
GLOSSARY_OPEN = re.compile(r"^(`{3,}|:{3,})\{glossary\}")
SKIPPED_FOLDERS = ("_", ".")  # _generated, _build, .ipynb_checkpoints


def slugify(text: str) -> str:
    """A file or folder name: lower case ASCII words joined by hyphens."""
    text = text.lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass
class Part:
    slug: str    # its folder in the book
    title: str
    index: Path  # <book>/<slug>/index.md


def read_text(path: Path) -> str:
    # A byte of the book that is not UTF-8 is the book build's error, not the importer's.
    return read_quietly(path)


def document_title(text: str) -> str:
    match = TITLE.search(text)
    return match.group(1).strip() if match else ""


class BookContents:
    def __init__(self, root: Path):
        self.root = root
        self.index = root / "index.md"
        self.parts: dict[str, Part] = {}
        self.chapters: dict[str, Path] = {}  # chapter slug -> its file
        self.pages: dict[str, Path] = {}     # top-level page name -> its file
        self.labels: dict[str, Path] = {}
        self.glossary_terms: list[str] = []
        self.companies = CompanyRegistry()
        self.read()

    def read(self) -> None:
        for path in sorted(self.root.glob("*.md")):
            if path.name != "index.md":
                self.pages[path.stem] = path
            self.read_document(path)
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir()):
            if folder.name.startswith(SKIPPED_FOLDERS):
                continue
            index = folder / "index.md"
            if index.is_file():
                self.parts[folder.name] = Part(folder.name, document_title(read_text(index))
                                               or folder.name, index)
            for path in sorted(folder.glob("*.md")):
                if path.name != "index.md":
                    self.chapters[path.stem] = path
                self.read_document(path)

    def read_document(self, path: Path) -> None:
        text = read_text(path)
        for label in LABEL.findall(text):
            self.labels.setdefault(label, path)
        if "{company-panel}" in text:
            for company in panel_companies(text, path):
                self.companies.add(company)
        if path.name == "glossary.md":
            self.glossary_terms = glossary_terms(text)

    def part_for_sector(self, sector: str) -> Part | None:
        """The part whose title is *sector* (any case), else the one in folder slugify(sector)."""
        for part in self.parts.values():
            if part.title.casefold() == sector.casefold():
                return part
        return self.parts.get(slugify(sector))


def panel_companies(text: str, path: Path) -> list[KnownCompany]:
    """The entries of every company panel of a page, with their lines."""
    companies = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        opened = PANEL_OPEN.match(lines[i])
        if not opened:
            i += 1
            continue
        fence = opened.group(1)
        j = i + 1
        while j < len(lines) and not re.match(rf"^{fence}\s*$", lines[j]):
            j += 1
        content = [line for line in lines[i + 1:j]]
        first = i + 1
        while content and (re.match(r"^:[\w-]+:", content[0]) or not content[0].strip()):
            content.pop(0)
            first += 1
        companies.extend(_entries(content, path, first + 1))
        i = j + 1
    return companies


def _entries(content: list[str], path: Path, first_line: int) -> list[KnownCompany]:
    entries, _ = read_company_entries("\n".join(content))  # the book reports the problems
    return [KnownCompany(entry.name, entry.url, entry.description, path,
                         first_line + entry.line) for entry in entries]


def glossary_terms(text: str) -> list[str]:
    """The terms of the glossary directive(s): unindented lines of its content."""
    terms = []
    inside = None
    for line in text.split("\n"):
        if inside is None:
            opened = GLOSSARY_OPEN.match(line)
            if opened:
                inside = opened.group(1)
            continue
        if line.strip() == inside:
            inside = None
        elif line.strip() and not line[0].isspace() and not re.match(r"^:[\w-]+:", line):
            terms.append(line.strip())
    return terms
