"""``handbook import``: Docusaurus pages of the old site into chapters of the book.

A run has two passes. The first reads every page and decides where it goes (its part
and file), so that pages imported together can link to each other whatever their
order. The second converts each page and writes it, with its pictures, its toctree
entry and, when its sector has no part yet, a new part page.

Where a page goes:

- a page whose title is a Project Drawdown solution (or, failing that, whose jobs link
  names one) is a chapter ``<book>/<part>/<slug>.md``, slug from the file name without
  ``solution-``; its part is the one it is already in, else ``--part``, else the first
  of its sectors that has a part, else a new part for its first sector;
- a page whose title is a sector (and not a solution) is that part's introduction.

Nothing is overwritten unless ``--force`` is given or the new text is the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from handbook.common.drawdown_data import DrawdownDataError, Solution, load_solutions
from handbook.common.links import first_url_parameter, split_url
from handbook.common.picture_records import RECORDS_FILE, add_unknown_record
from handbook.importer.book_contents import BookContents, Part, slugify
from handbook.importer.book_toc import (
    add_to_part,
    add_to_parts,
    has_placeholder_intro,
    new_part_page,
    part_page_with_intro,
)
from handbook.importer.companies import CompanyRegistry
from handbook.importer.convert import ChapterPlace, Conversion, PageConverter
from handbook.importer.pictures import FigureCopies, PictureFinder, write_picture
from handbook.importer.read import DocusaurusPage, read_page
from handbook.importer.references import SourceRegistry, bib_text, imported_bib_file
from handbook.importer.report import PageReport, display_path
from handbook.importer.site_order import book_ranks
from handbook.importer.source import NotText

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "data" / "drawdown-solutions.csv"


class ImportFailed(Exception):
    """A problem that stops the whole run (no book, no data file)."""


@dataclass
class ImportOptions:
    into: Path
    force: bool = False
    strict: bool = False
    static: list[Path] = field(default_factory=list)
    part: str | None = None
    data: Path | None = None
    site: Path | None = None  # the Docusaurus site's root: its static/, docs/ and sidebars


@dataclass
class PlannedPage:
    report: PageReport
    page: DocusaurusPage | None = None
    place: ChapterPlace | None = None
    solution: Solution | None = None
    part_title: str = ""


@dataclass
class Outcome:
    """A page converted, and whether it may be written; nothing is reported or written yet."""

    conversion: Conversion | None = None
    new: str = ""             # the file's text after the import
    old: str | None = None    # its text before (None: a new file)
    refusal: tuple[str, str] | None = None  # (status, reason) when it may not be written
    internal_error: str = ""  # a bug in the converter, reported as such

    @property
    def write(self) -> bool:
        return self.conversion is not None and self.refusal is None


def data_file(options: ImportOptions) -> Path:
    if options.data:
        return options.data
    beside = options.into.resolve().parent / "data" / "drawdown-solutions.csv"
    return beside if beside.is_file() else DEFAULT_DATA


class Importer:
    def __init__(self, options: ImportOptions):
        self.options = options
        root = options.into
        if not (root / "index.md").is_file():
            raise ImportFailed(f"{root} is not a book: it has no index.md "
                               "(give the book's source folder with --into)")
        try:
            self.solutions = load_solutions(data_file(options))
        except DrawdownDataError as error:
            raise ImportFailed(f"cannot read the Drawdown data: {error}") from None
        self.by_name = {name_key(name): solution for name, solution in self.solutions.items()}
        self.sectors = {name_key(sector): sector for solution in self.solutions.values()
                        for sector in solution.sectors}
        self.book = BookContents(root)
        self.planned_chapters: dict[str, Path] = {}  # slug -> file
        self.planned_parts: dict[str, Part] = {}     # new parts of this run
        self.targets: dict[Path, Path] = {}          # file -> the page that writes it
        self.planned_files: list[Path] = []          # every file this run means to write
        self.book_sources = SourceRegistry.of_book(root)  # what case studies may cite
        # The old site's sidebar order, for the toctrees (--site).
        self.site_ranks = book_ranks(options.site) if options.site else None

    # -- first pass: where each page goes -------------------------------------------------
    def plan(self, source: Path) -> PlannedPage:
        planned = PlannedPage(PageReport(source=source))
        report = planned.report
        try:
            planned.page = read_page(source, report)
        except OSError as error:
            report.error(f"cannot read the page: {error.strerror or error}")
            report.status = "failed"
            return planned
        except NotText as error:
            report.error(str(error))
            report.status = "failed"
            return planned
        page = planned.page
        solution, sector = self.identify(page)
        planned.solution = solution
        if sector is not None:
            part = self.part_for(sector, create=True)
            planned.part_title = sector
            place = ChapterPlace(part.index, "index", part.index.parent, is_part_intro=True)
        else:
            slug = self.chapter_slug(page)
            part = self.chapter_part(slug, solution, report, page.title)
            if part is None:
                report.status = "failed"
                return planned
            planned.part_title = part.title
            place = ChapterPlace(part.index.parent / f"{slug}.md", slug, part.index.parent)
            self.planned_chapters.setdefault(slug, place.path)
        other = self.targets.get(place.path.resolve())
        if other is not None:
            report.error(f"{display_path(place.path)} is also written by {display_path(other)} "
                         "in this import: import one of them at a time")
            report.status = "failed"
            return planned
        self.targets[place.path.resolve()] = source
        self.planned_files.append(place.path)
        planned.place = place
        report.target = place.path
        return planned

    def identify(self, page: DocusaurusPage) -> tuple[Solution | None, str | None]:
        """The page's Drawdown solution, or the sector it introduces (a sector page)."""
        report = page.report
        title = name_key(page.title)
        if title in self.by_name:
            return self.by_name[title], None
        if title in self.sectors:
            return None, self.sectors[title]
        body = "\n".join(line.text for line in page.lines)
        jobs = first_url_parameter(body, "drawdown_solutions")
        if jobs and name_key(jobs) in self.by_name:
            solution = self.by_name[name_key(jobs)]
            report.note(0, f"title {page.title!r} is no Drawdown solution; its jobs link names "
                           f"{solution.name!r}: the chapter is about that solution")
            return solution, None
        head = name_key(re.split(r"\s+[/:\u2013\u2014-]\s+|\s*\(", page.title)[0])
        if head in self.by_name:
            solution = self.by_name[head]
            report.note(0, f"title {page.title!r} read as the Drawdown solution {solution.name!r}")
            return solution, None
        return None, None

    def chapter_slug(self, page: DocusaurusPage) -> str:
        page_id = page.front_matter.get("id")
        name = str(page_id) if isinstance(page_id, (str, int)) and str(page_id).strip() \
            else page.path.stem
        return slugify(re.sub(r"^(solution|sector)-", "", name)) or "chapter"

    def chapter_part(self, slug: str, solution: Solution | None, report: PageReport,
                     title: str) -> Part | None:
        existing = self.book.chapters.get(slug)
        if existing is not None and existing.parent.name in self.book.parts:
            return self.book.parts[existing.parent.name]
        if slug in self.planned_chapters:
            folder = self.planned_chapters[slug].parent.name
            return self.book.parts.get(folder) or self.planned_parts.get(folder)
        if self.options.part:
            part = self.part_named(self.options.part)
            if part is None:
                report.error(f"--part {self.options.part!r} is neither a part of the book nor a "
                             "Project Drawdown sector")
            return part
        if solution is None:
            report.error(f"cannot tell which part of the book the page belongs to: its title "
                         f"{title!r} is no Project Drawdown "
                         "solution and no sector; give the part with --part")
            return None
        # The part of its home sector, as every chapter of the book (Solution.home_sector).
        return self.part_for(solution.home_sector, create=True)

    def part_named(self, name: str) -> Part | None:
        part = self.book.parts.get(name) or self.planned_parts.get(name)
        if part is not None:
            return part
        sector = self.sectors.get(name_key(name)) or next(
            (s for s in self.sectors.values() if slugify(s) == name), None)
        return self.part_for(sector, create=True) if sector else None

    def part_for(self, sector: str, create: bool) -> Part | None:
        part = self.book.part_for_sector(sector)
        if part is None:
            part = next((p for p in self.planned_parts.values()
                         if p.title.casefold() == sector.casefold()), None)
        if part is None and create:
            slug = slugify(sector)
            part = Part(slug, sector, self.options.into / slug / "index.md")
            self.planned_parts[slug] = part
        return part

    def site_path(self, source: Path) -> str:
        """The page as the site names it (``docs/solution-x.md`` under --site), else its
        file name: what the chapter's front matter records it was made from."""
        if self.options.site is not None:
            try:
                return source.resolve().relative_to(self.options.site.resolve()).as_posix()
            except ValueError:
                pass
        return source.name

    def safely_plan(self, source: Path) -> PlannedPage:
        try:
            return self.plan(source)
        except Exception as error:  # a bug must not hide the other pages' reports
            planned = PlannedPage(PageReport(source=source))
            planned.report.error(f"internal error while reading the page "
                                 f"({type(error).__name__}: {error}); please report it")
            planned.report.status = "failed"
            return planned

    def part_is_written(self, slug: str, unwritten: frozenset[Path]) -> bool:
        """A new part of this run exists at the end when one of its pages is written."""
        folder = self.options.into / slug
        return any(path.parent == folder and path not in unwritten
                   for path in self.planned_files)

    # -- links between pages ------------------------------------------------------------------
    def link_resolver(self, unwritten: frozenset[Path]):
        """Where the book's links go when the pages *unwritten* are not written."""
        return lambda url: self.resolve_link(url, unwritten)

    def resolve_link(self, url: str, unwritten: frozenset[Path]):
        """A site-internal address -> ("doc", file) or ("term", glossary term), or None."""
        parts = split_url(url)
        if parts is None:
            return None
        segments = [s for s in unquote(parts.path).split("/") if s not in ("", ".", "..")]
        if not segments:
            return None
        name = re.sub(r"\.mdx?$", "", segments[-1])
        if name == "index" and len(segments) > 1:
            name = segments[-2]
        if name == "glossary":
            if parts.fragment:
                wanted = slugify(parts.fragment)
                term = next((t for t in self.book.glossary_terms if slugify(t) == wanted), None)
                return ("term", term) if term else None
            return ("doc", self.book.pages["glossary"]) if "glossary" in self.book.pages else None
        for candidate in dict.fromkeys([name, re.sub(r"^(solution|sector)-", "", name)]):
            candidate = slugify(candidate)
            if candidate in self.book.chapters:
                return "doc", self.book.chapters[candidate]
            if candidate in self.planned_chapters and \
                    self.planned_chapters[candidate] not in unwritten:
                return "doc", self.planned_chapters[candidate]
            if candidate in self.book.parts:
                return "doc", self.book.parts[candidate].index
            if candidate in self.planned_parts and self.part_is_written(candidate, unwritten):
                return "doc", self.planned_parts[candidate].index
            if candidate in self.book.pages:
                return "doc", self.book.pages[candidate]
        return None

    # -- second pass: convert every page, then write ----------------------------------------
    def convert_page(self, planned: PlannedPage, companies: CompanyRegistry,
                     figures: FigureCopies, resolve_link, sources: SourceRegistry) -> Outcome:
        """The page converted, and whether it may be written (nothing is written here)."""
        report, place = planned.report, planned.place
        label = self.book.labels.get(place.slug)
        converter = PageConverter(
            planned.page, place, solution=planned.solution, companies=companies,
            figures=figures,
            finder=PictureFinder(report.source, self.options.static, self.options.site),
            resolve_link=resolve_link,
            label_free=not place.is_part_intro and label in (None, place.path),
            imported_from=self.site_path(report.source), sources=sources)
        conversion = converter.convert()
        if place.is_part_intro:
            new, old = self.part_intro_text(planned, conversion.intro_lines)
        else:
            new, old = conversion.text, read_or_none(place.path)
        outcome = Outcome(conversion, new, old, self.refusal(planned, conversion, old, new))
        if outcome.write:
            companies.replace_file(place.path, conversion.companies)
        else:
            figures.forget([dest for _, dest in conversion.copies])
            sources.forget(imported_bib_file(self.options.into, place.slug))
        return outcome

    def convert_all(self, ready: list[PlannedPage], unwritten: frozenset[Path]) -> list[Outcome]:
        """Every page converted in order, as if the pages *unwritten* were not written; a
        page's companies are there for the pages after it only if it is to be written."""
        companies, figures = self.book.companies.copy(), FigureCopies()
        sources = self.book_sources.copy()
        resolve_link = self.link_resolver(unwritten)
        outcomes: list[Outcome] = []
        for planned in ready:
            try:
                outcomes.append(self.convert_page(planned, companies, figures, resolve_link,
                                                  sources))
            except Exception as error:  # a bug must not hide the other pages' reports
                outcomes.append(Outcome(internal_error=f"internal error while converting the "
                                        f"page ({type(error).__name__}: {error}); please report it"))
        return outcomes

    def finish_page(self, planned: PlannedPage, outcome: Outcome) -> None:
        """The page's report completed with its final conversion, and the page written."""
        report = planned.report
        if outcome.internal_error:
            report.error(outcome.internal_error)
            report.status = "failed"
            return
        report.add(outcome.conversion.findings)
        if outcome.refusal:
            report.status, reason = outcome.refusal
            report.error(reason)
            return
        self.write_page(planned, outcome)

    def write_page(self, planned: PlannedPage, outcome: Outcome) -> None:
        place, report = planned.place, planned.report
        if place.is_part_intro:
            # The part page as it is now: pages written before this one may have added to it.
            outcome.new, outcome.old = self.part_intro_text(planned, outcome.conversion.intro_lines)
        report.status = "new" if outcome.old is None else (
            "unchanged" if outcome.old == outcome.new else "updated")
        if outcome.old != outcome.new:
            write(place.path, outcome.new)
        for source, dest in outcome.conversion.copies:
            write_picture(source, dest)
            # The old site never said who made its pictures: the build refuses them until
            # someone records that (the report says so at the picture's line).
            add_unknown_record(dest.parent / RECORDS_FILE, dest.name,
                               f"the old Climate Tech Handbook site, {source.name}")
        self.write_sources(planned, outcome.conversion)
        self.book.companies.replace_file(place.path, outcome.conversion.companies)
        self.place_in_book(planned)

    def write_sources(self, planned: PlannedPage, conversion: Conversion) -> None:
        """The chapter's own entries (its case studies' links) in its -imported.bib file."""
        bib_file = imported_bib_file(self.options.into, planned.place.slug)
        own = [source for source in conversion.sources if source.path == bib_file]
        if not own:
            return
        old = read_or_none(bib_file)
        text = bib_text(own, old)
        if text != old:
            write(bib_file, text)
        planned.report.note(0, f"{len(own)} source(s) of its case studies in "
                               f"{display_path(bib_file)}: check their titles")

    def refusal(self, planned: PlannedPage, conversion: Conversion, old: str | None,
                new: str) -> tuple[str, str] | None:
        """Why the page may not be written, as (status, reason); None when it may."""
        problems = len(planned.report.problems) + len(conversion.findings.problems)
        if self.options.strict and problems:
            return "not written", (f"--strict: {problems} construct(s) not converted "
                                   "(listed above), so the page was not written")
        if old is not None and old != new and not self.options.force \
                and not (planned.place.is_part_intro and has_placeholder_intro(old)):
            what = "part page" if planned.place.is_part_intro else "chapter"
            return "refused", (f"{display_path(planned.place.path)} already exists and differs "
                               f"from this import: the {what} was not overwritten (use --force "
                               "to replace it)")
        return None

    def part_intro_text(self, planned: PlannedPage, intro: list[str]) -> tuple[str, str | None]:
        index = planned.place.path
        old = read_or_none(index)
        if old is None:
            return new_part_page(planned.part_title, intro, []), None
        return part_page_with_intro(old, planned.part_title, intro), old

    def place_in_book(self, planned: PlannedPage) -> None:
        """The page in its part's toctree, and the part in the book's "Parts" toctree."""
        place, report = planned.place, planned.report
        index = place.path if place.is_part_intro else place.part_dir / "index.md"
        part_slug = place.part_dir.name
        notes = []
        if not place.is_part_intro:
            text = read_or_none(index)
            if text is None:
                write(index, new_part_page(planned.part_title, None, [place.slug]))
                notes.append(f"new part {display_path(index)}")
            else:
                text, added = add_to_part(text, place.slug, self.site_ranks)
                if added:
                    write(index, text)
                notes.append(f"{'added to' if added else 'already in'} the toctree of "
                             f"{display_path(index)}")
        if part_slug not in self.book.parts:
            self.book.parts[part_slug] = Part(part_slug, planned.part_title, index)
        book_index = self.options.into / "index.md"
        text, added = add_to_parts(read_or_none(book_index) or "", part_slug, self.site_ranks)
        if added:
            write(book_index, text)
            notes.append(f"part added to the Parts toctree of {display_path(book_index)}")
        if place.is_part_intro:
            notes.insert(0, "the page is the introduction of the part")
        report.part = f"{part_slug} ({'; '.join(notes)})"

    # -- the run ------------------------------------------------------------------------------
    def run(self, sources: list[Path]) -> list[PageReport]:
        plans = [self.safely_plan(source) for source in sources]
        ready = [planned for planned in plans if planned.place and not planned.report.failed]
        # A page that will not be written (refused, --strict, failed) must not be linked to
        # by the others: convert again without it, until no more pages drop out.
        unwritten: frozenset[Path] = frozenset()
        while True:
            outcomes = self.convert_all(ready, unwritten)
            dropped = {planned.place.path for planned, outcome in zip(ready, outcomes)
                       if not outcome.write} - unwritten
            if not dropped:
                break
            unwritten |= dropped
        for planned, outcome in zip(ready, outcomes):
            self.finish_page(planned, outcome)
        return [planned.report for planned in plans]


def name_key(name: str) -> str:
    """Solution and sector names compare without case, spacing or curly apostrophes."""
    return " ".join(name.replace("\u2019", "'").split()).casefold()


def read_or_none(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def import_pages(sources: list[Path], options: ImportOptions) -> list[PageReport]:
    """Import *sources* into the book; raises ImportFailed when the run cannot start."""
    return Importer(options).run(sources)
