"""What ``handbook import`` did with one page: counts, notes and what it could not convert.

Printed for every page, e.g.::

    docs/solution-district-heating.md -> book/buildings/district-heating.md (updated)
      converted: 5 companies, 9 case studies, 1 admonition, 12 links, 0 pictures
      part: buildings (already in its toctree)
      notes:
        docs/solution-district-heating.md:16: company 'Danfoss' is already in ...
      not converted (2):
        docs/solution-district-heating.md:9: picture ../static/img/x.jpg not found: ...

"Not converted" items are what an editor has to look at; ``--strict`` makes each of
them an error. Notes are decisions the importer made that a reader may want to check.
"To fill in" lists the case studies whose region or sector the page did not give
(written "Not stated"). ``--report FILE.json`` writes the same, as data
(``report_json.py``, schema ``report.schema.json``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Always printed, in this order; other counts (videos, cards, ...) only when non-zero.
MAIN_COUNTS = ("company", "case study", "admonition", "link", "picture")
PLURALS = {"company": "companies", "case study": "case studies"}


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based line in the source page; 0 when it concerns the whole page
    message: str


def plural(kind: str, n: int) -> str:
    return f"{n} {kind if n == 1 else PLURALS.get(kind, kind + 's')}"


@dataclass
class Findings:
    """What reading or converting a page found: counts, notes, and what it could not convert."""

    counts: Counter = field(default_factory=Counter)
    notes: list[Finding] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)  # not converted
    to_fill_in: list[Finding] = field(default_factory=list)  # "Not stated" for an editor
    case_studies: list[dict] = field(default_factory=list)  # each one written, as data
    pictures: list[dict] = field(default_factory=list)      # each one met, and what became of it

    def count(self, kind: str, n: int = 1) -> None:
        self.counts[kind] += n

    def note(self, line: int, message: str) -> None:
        self.notes.append(Finding(line, message))

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Finding(line, message))

    def fill_in(self, line: int, message: str) -> None:
        self.to_fill_in.append(Finding(line, message))

    def add(self, other: "Findings") -> None:
        self.counts.update(other.counts)
        self.notes.extend(other.notes)
        self.problems.extend(other.problems)
        self.to_fill_in.extend(other.to_fill_in)
        self.case_studies.extend(other.case_studies)
        self.pictures.extend(other.pictures)


@dataclass(kw_only=True)
class PageReport(Findings):
    """A page's whole story: what reading it found, then its conversion's findings."""

    source: Path
    target: Path | None = None
    status: str = ""  # new, updated, unchanged, refused, not written, failed
    part: str = ""    # one line on where the page went in the book
    errors: list[str] = field(default_factory=list)        # the page was not imported

    def error(self, message: str) -> None:
        self.errors.append(message)

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    def where(self, finding: Finding, shown: str) -> str:
        return f"{shown}:{finding.line}" if finding.line else shown

    def format(self) -> str:
        shown = display_path(self.source)
        head = shown
        if self.target is not None:
            head += f" -> {display_path(self.target)}"
        if self.status:
            head += f" ({self.status})"
        lines = [head]
        counts = [plural(kind, self.counts[kind]) for kind in MAIN_COUNTS]
        counts += [plural(kind, n) for kind, n in sorted(self.counts.items())
                   if kind not in MAIN_COUNTS and n]
        lines.append("  converted: " + ", ".join(counts))
        if self.part:
            lines.append(f"  part: {self.part}")
        if self.notes:
            lines.append("  notes:")
            lines += [f"    {self.where(f, shown)}: {f.message}"
                      for f in sorted_findings(self.notes)]
        if self.to_fill_in:
            lines.append(f"  to fill in ({len(self.to_fill_in)}):")
            lines += [f"    {self.where(f, shown)}: {f.message}"
                      for f in sorted_findings(self.to_fill_in)]
        if self.problems:
            lines.append(f"  not converted ({len(self.problems)}):")
            lines += [f"    {self.where(f, shown)}: {f.message}"
                      for f in sorted_findings(self.problems)]
        for message in self.errors:
            lines.append(f"  error: {message}")
        return "\n".join(lines)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    # Stable: findings on one line keep the order in which they were found.
    return sorted(findings, key=lambda f: f.line)


def display_path(path: Path) -> str:
    """*path* relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
