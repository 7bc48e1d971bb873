"""A Docusaurus page, read by ``docusaurus_reader``, written as a chapter of the book in MyST.

What each construct becomes:

================================  ==========================================================
old site                          book
================================  ==========================================================
``:::company`` block              ``:::{company-panel}`` (``:jobs:``, YAML entries)
``**Case Studies:**`` list         ``{rubric} Case studies`` + one ``:::{case-study}`` per item
other ``:::kind Title``           ``:::{admonition} Title`` + ``:class: kind``
``![alt](src)`` + italic line     ``{figure}`` copied to figures/ (caption), or a placeholder
``<iframe>``                      ``Video: [title](address)``
``<ImageCard/>``                  ``:::{card} Title`` with ``:link:``
other JSX components              a placeholder admonition with the component's source
================================  ==========================================================

Headings keep their order; their levels are made consecutive (MyST warns on a jump).
In a part introduction (a sector page) headings become rubrics: a part page holds no
sections of its own, its chapters are its sections.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from handbook.common import case_study_vocabulary as vocabulary
from handbook.common.company_key import company_key
from handbook.common.drawdown_data import Solution
from handbook.common.links import web_url_problem
from handbook.common.picture_records import RECORDS_FILE, read_records
from handbook.common.pictures import PICTURE_SUFFIXES
from handbook.importer.case_studies import (
    ITEM,
    MARKER,
    CaseStudy,
    normalised_place,
    parse_case_study,
    sector_named,
)
from handbook.importer.companies import (
    CompanyBlock,
    CompanyRegistry,
    KnownCompany,
    parse_company_line,
    read_company_block,
    usable_url,
)
from handbook.importer.inline import AnchorLinks, InlineConverter, video_link
from handbook.importer.myst_blocks import (
    Block,
    Directive,
    Heading,
    Markdown,
    Rule,
    heading_slugs,
    render_blocks,
    yaml_scalar,
)
from handbook.importer.myst_escapes import (
    SETEXT,
    STRAY_FENCE,
    defuse_link_remains,
    escape_link_text,
    lexes_cleanly,
    not_block_syntax,
    one_paragraph,
    plain_name,
)
from handbook.importer.pictures import (
    FIGURES,
    FigureCopies,
    PictureFinder,
    PictureUnreadable,
    converted_png,
    is_remote,
    needs_conversion,
)
from handbook.importer.read import (
    ATX_HEADING,
    Admonition,
    CodeFence,
    DocusaurusPage,
    Markup,
    TextLines,
)
from handbook.importer.references import Source, SourceRegistry, imported_bib_file
from handbook.importer.report import Findings, display_path
from handbook.importer.source import SourceLine

THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
PICTURE_LINE = re.compile(r"^\s*!\[((?:[^\[\]\\]|\\.)*)\]"              # ![alt]
                          r"\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)\s*$")  # (src "title")
CAPTION_LINE = re.compile(r"^\s*(?:\*(?!\*)(.+?)(?<!\*)\*|_(?!_)(.+?)(?<!_)_)\s*$")
CREDIT_LINE = re.compile(r"^\s*((?:image|photo|picture)\s+credits?\b.*)$", re.I)
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(\s+[\"'(].*)?\s*$")
BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
QUOTED_RULE = re.compile(r"^\s{0,3}(?:>\s*)+([-*_])(?:\s*\1){2,}\s*$")
FOOTNOTE_DEFINITION = re.compile(r"^\s{0,3}\[\^([^\]\s]+)\]:", re.M)
FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
HARD_BREAK = re.compile(r"(?<!\\)\\$")  # "text\" at the end of a line (not "\\")
HEADING_ID = re.compile(r"\s*\{#[\w-]+\}\s*$")
# A first title word that is an Infima colour (":::info success …") styles the box.
STYLE_WORDS = ("success", "danger", "warning", "info", "secondary", "primary", "note", "tip",
               "caution")
NO_DESCRIPTION = "*No description in the imported page.*"


@dataclass
class ChapterPlace:
    """Where the page goes: the file written and the part it belongs to."""

    path: Path       # <book>/<part>/<slug>.md, or <book>/<part>/index.md for a part introduction
    slug: str
    part_dir: Path
    is_part_intro: bool = False


@dataclass
class Context:
    in_directive: bool = False


@dataclass
class Conversion:
    """The result: the page's text (a chapter, or a part introduction's lines) and what to copy."""

    text: str = ""
    intro_lines: list[str] = field(default_factory=list)
    copies: list[tuple[Path, Path]] = field(default_factory=list)  # (source, destination)
    companies: list[KnownCompany] = field(default_factory=list)   # the chapter's panels
    sources: list[Source] = field(default_factory=list)           # what its case studies cite
    findings: Findings = field(default_factory=Findings)          # what converting found


def yaml_front_matter(solution: Solution | None, imported_from: str) -> list[str]:
    """The Drawdown fields, and the page the chapter was made from: it lets the book accept
    "Not stated" case-study fields until an editor fills them in."""
    lines = ["---"]
    if solution:
        sectors = ", ".join(yaml_scalar(sector, flow=True) for sector in solution.sectors)
        lines += [f"drawdown_solution: {yaml_scalar(solution.name)}", f"sectors: [{sectors}]"]
    return lines + [f"{vocabulary.IMPORTED_FROM}: {yaml_scalar(imported_from)}", "---"]


def company_yaml(entries: list[dict[str, str]]) -> list[str]:
    lines = []
    for entry in entries:
        lines += [f"- name: {yaml_scalar(entry['name'])}", f"  url: {yaml_scalar(entry['url'])}",
                  f"  description: {yaml_scalar(entry['description'])}"]
    return lines


def rubric(text: str) -> Directive:
    return Directive("rubric", text, backticks=True)


def placeholder(title: str, lines: list[str]) -> Directive:
    """A visible box saying what the importer could not convert."""
    return Directive("admonition", title, [("class", "warning")], [Markdown(lines)])


class PageConverter:
    def __init__(self, page: DocusaurusPage, place: ChapterPlace, *, solution: Solution | None,
                 companies: CompanyRegistry, figures: FigureCopies, finder: PictureFinder,
                 resolve_link, label_free: bool, imported_from: str = "",
                 sources: SourceRegistry | None = None):
        self.page = page
        # The book's sources: a case study's link becomes one it cites (not in a part page).
        self.sources = None if place.is_part_intro else sources
        self.imported_from = imported_from or page.path.name  # the page, as the site names it
        self.report = Findings()  # the page's report takes them once the run is decided
        self.place = place
        self.solution = solution
        self.companies = companies
        self.figures = figures
        self.finder = finder
        self.resolve_link = resolve_link  # (url) -> ("doc", path) | ("term", term) | None
        self.label_free = label_free
        self.anchors = AnchorLinks()
        self.inline = InlineConverter(self.report, self.anchors, self.internal_link,
                                      self.inline_picture)
        self.result = Conversion(findings=self.report)
        self.last_level = 1
        self.headings: dict[int, str] = {}
        self.sector_headings_noted: set[str] = set()  # each heading's sector noted once
        self.page_companies = self.companies_named_in_page()
        # Footnotes: MyST refuses a reference without its note, and warns on a note that
        # nothing refers to; the old site showed the first as text and hid the second.
        text = "\n".join(line.text for line in page.lines)
        self.inline.footnotes = set(FOOTNOTE_DEFINITION.findall(text))
        definitions = {m.start(1) for m in FOOTNOTE_DEFINITION.finditer(text)}
        self.footnotes_referenced = {m.group(1) for m in FOOTNOTE_REFERENCE.finditer(text)
                                     if m.start(1) not in definitions}

    # -- the page --------------------------------------------------------------------------
    def convert(self) -> Conversion:
        body = self.convert_blocks(self.page.blocks, Context())
        body = self.drop_misplaced_rules(body)
        if self.place.is_part_intro:
            text = "\n".join(render_blocks(body))
            text = self.anchors.resolve(text, set(), self.report)
            text = defuse_link_remains(text, self.report)
            self.result.intro_lines = text.split("\n") if text else []
            return self.result
        lines: list[str] = []
        lines += yaml_front_matter(self.solution, self.imported_from) + [""]
        if self.label_free:
            lines.append(f"({self.place.slug})=")
        lines += [f"# {self.inline.convert(self.page.title, 0, breaks='space')}", ""]
        lines += render_blocks(body)
        if self.result.sources:  # the chapter ends with its sources, as every chapter does
            lines += ["", "## References", "", ":::{footbibliography}", ":::"]
        text = "\n".join(lines).rstrip("\n") + "\n"
        text = self.anchors.resolve(text, heading_slugs(text), self.report)
        self.result.text = defuse_link_remains(text, self.report)
        return self.result

    def companies_named_in_page(self) -> dict[str, str]:
        """Names of the companies of the page's own company blocks (key -> name)."""
        names = {}

        def visit(blocks):
            for block in blocks:
                if isinstance(block, Admonition):
                    if block.kind.lower() == "company":
                        for child in block.children:
                            if isinstance(child, TextLines):
                                for line in child.lines:
                                    for company in parse_company_line_if_item(line.text, line.no):
                                        names.setdefault(company_key(company.name),
                                                         plain_name(company.name))
                    visit(block.children)

        visit(self.page.blocks)
        return names

    # -- blocks ----------------------------------------------------------------------------
    def convert_blocks(self, blocks: list, context: Context) -> list[Block]:
        out: list[Block] = []
        for block in blocks:
            if isinstance(block, TextLines):
                out += self.convert_text(block.lines, context)
            elif isinstance(block, CodeFence):
                out.append(self.code_fence(block))
            elif isinstance(block, Admonition):
                out += self.admonition(block, context)
            elif isinstance(block, Markup):
                out += self.markup(block, context)
        return out

    def drop_misplaced_rules(self, blocks: list[Block]) -> list[Block]:
        """Docutils allows a transition only between two elements of one section."""
        kept: list[Block] = []
        for k, block in enumerate(blocks):
            if isinstance(block, Rule):
                after = blocks[k + 1] if k + 1 < len(blocks) else None
                before = kept[-1] if kept else None
                if before is None or after is None or isinstance(before, (Heading, Rule)) \
                        or isinstance(after, (Heading, Rule)):
                    self.report.note(block.line, "horizontal rule dropped: the book allows one "
                                                 "only between paragraphs of a section")
                    continue
            kept.append(block)
        return kept

    # -- text ------------------------------------------------------------------------------
    def convert_text(self, lines: list[SourceLine], context: Context) -> list[Block]:
        """Markdown lines to blocks. Ordinary lines are converted a paragraph at a time, so
        that a link written over two lines is still seen as one."""
        out: list[Block] = []
        markdown: list[str] = []
        paragraph: list[SourceLine] = []

        def end_paragraph():
            if paragraph:
                for k, line in enumerate(paragraph[:-1]):
                    if HARD_BREAK.search(line.text):
                        # A hard line break is raw HTML/LaTeX in MyST: a plain line break.
                        self.report.note(line.no, "line break (a '\\' ending the line) made a "
                                                  "plain line end")
                        paragraph[k] = SourceLine(line.no, HARD_BREAK.sub("", line.text))
                text = "\n".join(line.text for line in paragraph)
                converted = self.inline.convert(text, paragraph[0].no).split("\n")
                markdown.extend(not_block_syntax(line) for line in converted)
                paragraph.clear()

        def flush():
            end_paragraph()
            if any(line.strip() for line in markdown):
                out.append(Markdown(list(markdown)))
            markdown.clear()

        i = 0
        while i < len(lines):
            line = lines[i]
            text = line.text
            if not text.strip():
                end_paragraph()
                markdown.append("")
                i += 1
                continue
            if SETEXT.match(text) and paragraph and plain_paragraph(paragraph):
                # "Title\n===" (or "---"): the paragraph above is a heading.
                title = " ".join(line.text.strip() for line in paragraph)
                first = paragraph[0].no
                paragraph.clear()
                flush()
                out += self.heading(1 if "=" in text else 2, title, first, context)
                i += 1
                continue
            if QUOTED_RULE.match(text):
                self.report.note(line.no, "horizontal rule in a quote dropped")
                i += 1
                continue
            heading = ATX_HEADING.match(text)
            if heading:
                flush()
                out += self.heading(len(heading.group(1)), heading.group(2) or "", line.no, context)
                i += 1
                continue
            if THEMATIC_BREAK.match(text):
                flush()
                if context.in_directive:
                    self.report.note(line.no, "horizontal rule in a box dropped")
                else:
                    out.append(Rule(line.no))
                i += 1
                continue
            if MARKER.match(text):
                flush()
                i = self.case_studies(lines, i, out)
                continue
            picture = PICTURE_LINE.match(text)
            if picture:
                flush()
                i = self.picture_block(lines, i, picture.group(1), picture.group(2), out)
                continue
            if STRAY_FENCE.match(text):
                # Neither opens nor closes a box here; MyST would read it as a fence.
                self.report.problem(line.no, f"{text.strip()!r} opens or closes no box: kept as "
                                             "text")
                paragraph.append(SourceLine(line.no, STRAY_FENCE.sub(r"\1\\\2", text, count=1)))
                i += 1
                continue
            footnote = FOOTNOTE_DEFINITION.match(text)
            if footnote:
                end_paragraph()
                if footnote.group(1) not in self.footnotes_referenced:
                    self.report.problem(line.no, f"footnote [^{footnote.group(1)}] is referred to "
                                                 "nowhere: its text is kept as a paragraph")
                    text = "\\" + text.lstrip()
                paragraph.append(SourceLine(line.no, text))
                i += 1
                continue
            definition = REFERENCE_DEFINITION.match(text)
            if definition:
                end_paragraph()
                converted = self.reference_definition(definition, line.no)
                if converted is not None:
                    markdown.append(converted)
                i += 1
                continue
            if BULLET.match(text) or ITEM.match(text) or text.lstrip().startswith(("|", ">")):
                end_paragraph()  # a list item, table row or quote starts a block of its own
            paragraph.append(line)
            i += 1
        flush()
        return out

    def heading(self, level: int, text: str, line: int, context: Context) -> list[Block]:
        if HEADING_ID.search(text):
            self.report.note(line, f"heading id {HEADING_ID.search(text).group(0).strip()} "
                                   "dropped (the book makes its own anchors)")
            text = HEADING_ID.sub("", text)
        text = re.sub(r"\s+#+\s*$", "", text).strip()
        if not text:
            self.report.note(line, "empty heading dropped")
            return []
        self.headings = {lvl: t for lvl, t in self.headings.items() if lvl < level}
        self.headings[level] = text
        converted = self.inline.convert(text, line, breaks="space")
        if context.in_directive or self.place.is_part_intro:
            return [rubric(converted)]
        new_level = max(2, min(level, self.last_level + 1))
        if new_level != level:
            why = ("the chapter has one title" if level == 1 else
                   f"after a level-{self.last_level} heading")
            self.report.note(line, f"heading {text!r} made level {new_level} instead of "
                                   f"{level} ({why})")
        self.last_level = new_level
        return [Heading(new_level, converted, line)]

    def enclosing_heading(self) -> str:
        """The heading a case study sits under: the deepest one from level 3 on, else level 2."""
        deep = [self.headings[lvl] for lvl in sorted(self.headings) if lvl >= 3]
        if deep:
            return deep[-1]
        return self.headings.get(2, self.page.title)

    def reference_definition(self, match: re.Match, line: int) -> str | None:
        label, url = match.group(1), match.group(2)
        if re.match(r"^(https?|mailto):", url, re.I):
            self.report.count("link")
            return match.group(0).strip()
        target = self.resolve_link(url)
        if target and target[0] == "doc":
            self.report.count("link")
            return f"[{label}]: {self.relative(target[1])}"
        self.report.problem(line, f"link definition [{label}]: {url} points into the old site: "
                                  "dropped (links that use it show as plain text)")
        return None

    # -- case studies ----------------------------------------------------------------------
    def case_studies(self, lines: list[SourceLine], i: int, out: list[Block]) -> int:
        out.append(rubric("Case studies"))
        i += 1
        items: list[list[SourceLine]] = []
        while i < len(lines):
            text = lines[i].text
            if ITEM.match(text) or BULLET.match(text):
                items.append([lines[i]])
                i += 1
                continue
            if not text.strip():
                j = next((k for k in range(i, len(lines)) if lines[k].text.strip()), None)
                if j is not None and (ITEM.match(lines[j].text) or BULLET.match(lines[j].text)
                                      or items and lines[j].text.startswith((" ", "\t"))):
                    i = j
                    continue
                break
            if items and (text.startswith((" ", "\t")) or not self.starts_block(text)):
                items[-1].append(lines[i])  # a continuation of the item
                i += 1
                continue
            break
        sector = self.enclosing_heading()
        pending: list[str] = []
        for item in items:
            first = item[0]
            marker = ITEM.match(first.text) or BULLET.match(first.text)
            content = " ".join([marker.groups()[-1]] + [line.text.strip() for line in item[1:]])
            parsed = parse_case_study(content, first.no)
            if not isinstance(parsed, str) and parsed.url is None:
                parsed = self.with_company_link(parsed)
            if isinstance(parsed, str):
                self.report.problem(first.no, f"case study out of pattern ({parsed}): kept as a "
                                              f"list item: {first.text.strip()[:80]!r}")
                converted = self.inline.convert("\n".join(line.text for line in item), first.no)
                pending.extend(not_block_syntax(line) for line in converted.split("\n"))
                continue
            if pending:
                out.append(Markdown(pending))
                pending = []
            out.append(self.case_study(parsed, sector))
        if pending:
            out.append(Markdown(pending))
        return i

    def with_company_link(self, study: CaseStudy) -> CaseStudy | str:
        """A case study the page gives no link for, linked to the website of the company
        it names (of the page's panels or of the book); else why it cannot be one."""
        name = self.company_named(study.title)
        known = next((c for c in self.result.companies if company_key(c.name) == company_key(
            name or "")), None) if name else None
        known = known or (self.companies.get(name, exclude=self.place.path) if name else None)
        if known is None:
            return ("no link, and its name is no company of the page or of the book (a case "
                    "study needs a source a reader can open)")
        self.report.note(study.line, f"case study {study.title!r} gives no link: linked to the "
                                     f"website of the company {known.name!r}, {known.url}")
        return replace(study, url=known.url, link_text=known.name)

    def starts_block(self, text: str) -> bool:
        return bool(ATX_HEADING.match(text) or THEMATIC_BREAK.match(text) or MARKER.match(text)
                    or FOOTNOTE_DEFINITION.match(text)
                    or text.lstrip().startswith((":::", "```", "~~~", "<", ">", "|", "!")))

    def case_study(self, study: CaseStudy, heading: str) -> Directive:
        region = self.region(study)
        sector = self.sector(heading, study)
        options = [("region", self.plain(region)), ("sector", self.plain(sector))]
        company = self.company_named(study.link_text or "")
        body = self.inline.convert(study.text, study.line)
        if company:
            options.append(("company", company))
        if self.sources is not None:
            # The link is the case study's source: cited, listed under References.
            source = self.cite(study, company)
            body = body[:-1] + f" {{footcite:p}}`{source.key}`" + body[-1]
        elif not company and not study.link_in_text and study.link_text and \
                study.link_text.casefold() != study.title.casefold():
            # The link's text is not a company of the book: keep it, with its link, in the text.
            link = self.inline.convert(f"([{study.link_text}]({study.url}))", study.line)
            body = body[:-1] + " " + link + body[-1]
        options.append(("link", study.url))
        self.report.count("case study")
        title = self.plain(study.title)
        self.report.case_studies.append({
            "line": study.line, "title": title, "region": region, "sector": sector,
            "link": study.url, "company": company or None,
            "not_stated": [field for field, value in (("region", region), ("sector", sector))
                           if value == vocabulary.NOT_STATED]})
        return Directive("case-study", title, options, [Markdown([body])])

    def cite(self, study: CaseStudy, company: str | None) -> Source:
        book = self.place.part_dir.parent
        bib_file = imported_bib_file(book, self.place.slug)
        organisation = company or study.link_text or study.title
        source = self.sources.cite(study.url, plain_name(organisation), study.title, bib_file)
        if source not in self.result.sources:
            self.result.sources.append(source)
            self.report.count("source")
            if source.path != bib_file:
                self.report.note(study.line, f"case study {study.title!r} cites {source.key!r}, "
                                             f"the book's entry for {study.url} "
                                             f"({display_path(source.path)})")
        return source

    def region(self, study: CaseStudy) -> str:
        """The page's region as the book writes it; "Not stated" (listed for an editor) when
        the page gives none."""
        if study.region is None:
            self.report.fill_in(study.line, f"case study {study.title!r}: the page names no "
                                            f"region: written {vocabulary.NOT_STATED!r}")
            return vocabulary.NOT_STATED
        written = normalised_place(study.region)
        if written != study.region:
            self.report.note(study.line, f"case-study region {study.region!r} written "
                                         f"{written!r}")
        return written

    def sector(self, heading: str, study: CaseStudy) -> str:
        """Our sector for the heading the case study sits under, when it names one; else
        "Not stated", listed for an editor (never a guess from the page's solution)."""
        sector = sector_named(heading) if heading != self.page.title else None
        if sector is None:
            self.report.fill_in(study.line, f"case study {study.title!r}: the heading above it "
                                            f"({heading!r}) names none of the book's sectors: "
                                            f"written {vocabulary.NOT_STATED!r}")
            return vocabulary.NOT_STATED
        if sector != heading and heading not in self.sector_headings_noted:
            self.sector_headings_noted.add(heading)
            self.report.note(study.line, f"case-study sector {heading!r} written {sector!r}")
        return sector

    def company_named(self, name: str) -> str | None:
        """The name as the book's panels spell it, when *name* is a company of the book."""
        key = company_key(name)
        if key in self.page_companies:
            return self.page_companies[key]
        known = self.companies.get(name, exclude=self.place.path)
        return known.name if known else None

    def plain(self, text: str) -> str:
        """Text for a directive option or title: one line, no Markdown links (nor the
        remains of a broken one)."""
        text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
        text = re.sub(r"<[^<>]*>", "", text).replace("<", "\\<")
        return " ".join(text.replace("](", "] (").replace("{{", "\\{{").split())

    # -- admonitions -----------------------------------------------------------------------
    def admonition(self, block: Admonition, context: Context) -> list[Block]:
        if block.kind.lower() == "company":
            return self.company_block(block, context)
        inner = Context(in_directive=True)
        kind = re.sub(r"[^a-z0-9-]+", "-", block.kind.lower()).strip("-") or "note"
        classes = [kind]
        title = block.title
        words = title.split(maxsplit=1)
        if len(words) == 2 and words[0].lower() in STYLE_WORDS and words[0].lower() != kind:
            classes.append(words[0].lower())
            title = words[1]
            self.report.note(block.line, f"':::{block.kind} {words[0]}': {words[0]!r} read as a "
                                         f"style of the box, its title is {title!r}")
        if not title:
            title = block.kind[:1].upper() + block.kind[1:]
        body = self.convert_blocks(block.children, inner)
        title = self.inline.convert(title, block.line, breaks="space")
        return self.box(block, title, classes, body)

    def company_block(self, block: Admonition, context: Context) -> list[Block]:
        text_lines = [(line.no, line.text) for child in block.children
                      if isinstance(child, TextLines) for line in child.lines]
        others = [child for child in block.children if not isinstance(child, TextLines)]
        parsed = read_company_block(text_lines)
        out: list[Block] = []
        entries, unlinked = self.panel_entries(parsed)
        jobs = parsed.jobs
        if jobs and not usable_url(jobs):
            self.report.problem(block.line, f"jobs link {jobs!r} is not a web address: dropped")
            jobs = None
        rest = [SourceLine(no, text) for no, text in parsed.other_lines]
        has_rest = any(line.text.strip() for line in rest)
        inner = Context(in_directive=True)
        if entries:
            options = [("jobs", jobs)] if jobs else []
            if parsed.title:
                options.append(("title", self.plain(parsed.title)))
            out.append(Directive("company-panel", "", options, [Markdown(company_yaml(entries))]))
            if has_rest:
                self.report.note(block.line, "text of the company block that is not a company "
                                             "kept after the panel")
                out += self.convert_text(rest, context)
            out += self.convert_blocks(others, context)
        elif jobs or has_rest or others:
            body: list[Block] = []
            if jobs:
                body.append(Markdown([f"[{self.jobs_text(text_lines)}]({jobs})"]))
                self.report.count("link")
            body += self.convert_text(rest, inner)
            body += self.convert_blocks(others, inner)
            title = parsed.title or block.title or "Companies"
            self.report.note(block.line, "company block lists no companies: kept as a box with "
                                         "its text")
            out += self.box(block, self.inline.convert(title, block.line, "space"),
                            ["company"], body)
        elif not unlinked:
            self.report.problem(block.line, f"':::{block.kind}' block is empty: dropped")
        if unlinked:
            out.append(placeholder("Not converted: companies without a web address",
                                   [f"- {self.inline.convert(company.source, company.line)}"
                                    for company in unlinked]))
        return out

    def box(self, block: Admonition, title: str, classes: list[str],
            body: list[Block]) -> list[Block]:
        """An admonition; one with nothing in it gets a line saying so (docutils needs one)."""
        if not render_blocks(body):
            self.report.problem(block.line, f"':::{block.kind}' box is empty: a placeholder text "
                                            "is in the chapter")
            body = [Markdown(["*This box was empty in the imported page.*"])]
        self.report.count("admonition")
        return [Directive("admonition", title, [("class", " ".join(classes))], body)]

    def jobs_text(self, lines: list[tuple[int, str]]) -> str:
        for _, text in lines:
            match = re.search(r"\[([^\]]*open jobs[^\]]*)\]", text, re.I)
            if match:
                return escape_link_text(match.group(1))
        return "View open jobs"

    def panel_entries(self, parsed: CompanyBlock) -> tuple[list[dict], list]:
        entries, unlinked = [], []
        for company in parsed.shared_descriptions:
            self.report.problem(company.line, f"company {company.name!r} has no description of its "
                                              "own: given the one that follows it on the line")
        for company in parsed.companies:
            known = self.companies.get(plain_name(company.name), exclude=self.place.path)
            own = next((c for c in self.result.companies
                        if company_key(c.name) == company_key(plain_name(company.name))), None)
            if known is not None:
                url, description = known.url, known.description
                differs = (company.url != url or company.description != description)
                where = f"{display_path(known.path)}:{known.line}"
                self.report.note(company.line, f"company {company.name!r} is already in the book "
                                               f"({where}): its url and description are used"
                                 + (f" instead of {company.url or 'no url'} and "
                                    f"{company.description!r}" if differs else ""))
            elif own is not None:
                url, description = own.url, own.description
            elif not usable_url(company.url):
                why = f"{company.url!r} as web address" if company.url else "no web address"
                self.report.problem(company.line, f"company line with {why}: kept in a placeholder "
                                                  f"after the panel: {company.source!r}")
                unlinked.append(company)
                continue
            else:
                url = company.url
                description = self.inline.convert(company.description, company.line, "space")
                if not description:
                    self.report.problem(company.line, f"company {company.name!r} has no "
                                                      "description: a placeholder is in the panel")
                    description = NO_DESCRIPTION
            name = plain_name(company.name)
            entries.append({"name": name, "url": url, "description": description})
            self.result.companies.append(KnownCompany(name, url, description,
                                                      self.place.path, company.line))
            self.report.count("company")
        return entries, unlinked

    # -- HTML and JSX elements -------------------------------------------------------------
    def markup(self, block: Markup, context: Context) -> list[Block]:
        name = block.name
        if name.lower() == "iframe":
            link = video_link(block.attrs)
            if link is None:
                self.report.problem(block.line, f"<iframe> without a web address dropped: "
                                                f"{block.raw!r}")
                return []
            self.report.count("video")
            return [Markdown([link])]
        if name.lower() == "img":
            return self.picture(block.attrs.get("alt", ""), block.attrs.get("src", ""),
                                block.line, None)
        if name == "ImageCard" and block.attrs.get("title", "").strip():
            return [self.image_card(block)]
        self.report.problem(block.line, f"JSX component <{name}> not converted: a placeholder "
                                        "with its source is in the chapter")
        longest = max((len(run) for run in re.findall(r"`{3,}", block.raw)), default=2)
        fence = "`" * (longest + 1)
        return [placeholder(f"Not converted: {name} component", [
            f"The old site showed a `{name}` component here; the book has no equivalent yet. "
            "Its source:", "", f"{fence}text", *block.raw.split("\n"), fence])]

    def image_card(self, block: Markup) -> Directive:
        attrs = block.attrs
        options = []
        link = attrs.get("linkUrl", "").strip()
        if link:
            if re.match(r"^https?://", link, re.I):
                if web_url_problem(link):
                    self.report.problem(block.line, f"card link {link!r} is malformed: the card "
                                                    "is not linked")
                else:
                    options += [("link", link)]
                    self.report.count("link")
            else:
                target = self.resolve_link(link)
                if target and target[0] == "doc":
                    options += [("link", self.docname(target[1])), ("link-type", "doc")]
                    self.report.count("link")
                    self.report.note(block.line, f"card link {link} now points to the book's "
                                                 f"{self.docname(target[1])}")
                else:
                    self.report.problem(block.line, f"card link {link} has no page in the book: "
                                                    "the card is not linked")
        image = attrs.get("imageUrl", "").strip()
        if image and is_remote(image):
            self.web_picture(image, block.line, "card picture")
        elif image:
            found = self.usable_picture(image, block.line, "card picture", "the card has no "
                                                                           "picture")
            if found is not None:
                options.append(("img-top", self.copy_picture(found, block.line, image)))
                self.report.count("picture")
        self.report.count("card")
        description = one_paragraph(self.inline.convert(attrs.get("description", ""),
                                                        block.line, "space"))
        body = [Markdown([description])] if description else []
        return Directive("card", self.plain(attrs["title"]), options, body)

    def code_fence(self, block: CodeFence) -> Markdown:
        first = block.lines[0]
        opened = re.match(r"^(\s*)(`{3,}|~{3,})\s*([^\s`{]*)(.*)$", first.text)
        indent, fence, language, meta = opened.groups()
        code = "\n".join(line.text for line in block.lines[1:-1])
        if language and not lexes_cleanly(language, code):
            self.report.note(first.no, f"code in {language!r} that the book's highlighter does "
                                       "not know or cannot read: shown as plain text")
            language = "text"
        if meta.strip():
            self.report.note(first.no, f"code block options {meta.strip()!r} dropped")
        lines = [f"{indent}{fence}{language}"] + [line.text for line in block.lines[1:]]
        return Markdown(lines)

    # -- pictures --------------------------------------------------------------------------
    def picture_block(self, lines: list[SourceLine], i: int, alt: str, src: str,
                      out: list[Block]) -> int:
        caption, next_i = None, i + 1
        j = i + 1
        if j < len(lines) and not lines[j].text.strip():
            j += 1
        if j < len(lines):
            italic = CAPTION_LINE.match(lines[j].text)
            credit = CREDIT_LINE.match(lines[j].text)
            if italic or credit:
                caption = (lines[j].no, (italic.group(1) or italic.group(2)) if italic
                           else credit.group(1))
                next_i = j + 1
        out += self.picture(alt, src, lines[i].no, caption)
        return next_i

    def picture(self, alt: str, src: str, line: int,
                caption: tuple[int, str] | None) -> list[Block]:
        caption_text = one_paragraph(self.inline.convert(caption[1], caption[0], "space")) \
            if caption else ""
        alt = " ".join(alt.replace("\\", "").split())
        if is_remote(src) or not src:
            if self.web_picture(src, line, f"picture {alt!r}"):
                self.report.count("link")
                lines = [f"Picture on another site: [{escape_link_text(alt or 'picture')}]({src})"]
                return [Markdown(lines + ([f"*{caption_text}*"] if caption_text else []))]
            return [self.missing_picture(alt, src, caption_text)]
        found = self.usable_picture(src, line, "picture", "a placeholder is in the chapter")
        if found is None:
            return [self.missing_picture(alt, src, caption_text)]
        if not alt:
            self.report.note(line, f"picture {src} has no alt text")
        self.report.count("picture")
        options = [("alt", alt)] if alt else []
        body = [Markdown([caption_text])] if caption_text else []
        return [Directive("figure", self.copy_picture(found, line, src), options, body,
                          backticks=True)]

    def web_picture(self, src: str, line: int, what: str) -> bool:
        """A picture on another site (or with no address): listed with its address; True
        when the address is one the chapter can link to."""
        linkable = bool(re.match(r"^https?://", src, re.I)) and not web_url_problem(src)
        self.report.pictures.append({"line": line, "src": src, "outcome": "on another site"
                                     if src else "not found", "file": None,
                                     "address": src if linkable else None})
        if not src:
            self.report.problem(line, f"{what} has no address: a placeholder is in the chapter")
        else:
            self.report.problem(line, f"{what} is on another site ({src}): not copied; "
                                      + ("a link to it is in the chapter" if linkable
                                         else "a placeholder is in the chapter"))
        return linkable

    def usable_picture(self, src: str, line: int, what: str, instead: str) -> Path | None:
        """The file of a picture of the site that the book can show (WebP, GIF and AVIF are
        converted); None, reported with what is done *instead*, when there is none."""
        found = self.finder.find(src)
        why = None
        if found is None:
            why, outcome = "not found", "not found"
        elif needs_conversion(found):
            try:
                converted_png(found)
            except PictureUnreadable as error:
                why, outcome = str(error), "unusable"
        elif found.suffix.lower() not in PICTURE_SUFFIXES:
            why = f"in a format the PDF edition cannot show ({found.suffix})"
            outcome = "unusable"
        if why is None:
            return found
        self.report.pictures.append({"line": line, "src": src, "outcome": outcome, "file": None,
                                     "address": None})
        self.report.problem(line, f"{what} {src} {why}: {instead}")
        return None

    def missing_picture(self, alt: str, src: str, caption: str) -> Directive:
        src = " ".join(src.split())
        shown = f"`` {src} ``" if "`" in src else f"`{src}`"
        lines = [f"The picture {shown} was not found when this page was imported."]
        if caption:
            lines += ["", f"*{caption}*"]
        title = f"Picture not imported: {escape_link_text(alt)}" if alt else "Picture not imported"
        return placeholder(title, lines)

    def inline_picture(self, alt: str, src: str, line: int) -> str:
        if is_remote(src) or not src:
            if self.web_picture(src, line, f"picture {alt!r} in a line of text"):
                return f"[{escape_link_text(alt or 'picture')}]({src})"
            return f"*[picture not imported: {escape_link_text(alt or src)}]*"
        found = self.usable_picture(src, line, "picture", "in a line of text: replaced by its "
                                                          "description")
        if found is None:
            return f"*[picture not imported: {escape_link_text(alt or src)}]*"
        self.report.count("picture")
        return f"![{alt}]({self.copy_picture(found, line, src)})"

    def copy_picture(self, source: Path, line: int, src: str) -> str:
        dest = self.figures.destination(source, self.place.part_dir, self.place.slug)
        self.figures.plan(source, dest)
        converted = needs_conversion(source)
        if converted:
            self.report.note(line, f"picture {src} converted to PNG ({dest.name}): the PDF "
                                   f"edition cannot show {source.suffix} pictures")
        self.report.pictures.append({"line": line, "src": src, "outcome": "converted to PNG"
                                     if converted else "copied", "file": display_path(dest),
                                     "address": None})
        records, _ = read_records(dest.parent / RECORDS_FILE) if \
            (dest.parent / RECORDS_FILE).exists() else ({}, [])
        if dest.name not in records:
            self.report.note(line, f"picture {dest.name}: who made it and its licence are not "
                                   f"known; recorded as 'unknown' in {FIGURES}/{RECORDS_FILE}, "
                                   "which the build refuses until you fill them in")
        self.result.copies.append((source, dest))
        return self.relative(dest)

    # -- links -----------------------------------------------------------------------------
    def relative(self, path: Path) -> str:
        return Path(os.path.relpath(path, self.place.path.parent)).as_posix()

    def docname(self, path: Path) -> str:
        """The absolute docname of a book file, for sphinx-design's ``:link-type: doc``."""
        book = self.place.part_dir.parent
        return "/" + path.relative_to(book).with_suffix("").as_posix()

    def internal_link(self, text: str, url: str, line: int) -> str:
        target = self.resolve_link(url)
        shown = text or url
        if target and target[0] == "term" and "`" not in text and "<" not in text:
            self.report.count("link")
            self.report.note(line, f"link to {url} now points to the glossary term {target[1]!r}")
            if not text or text == target[1]:
                return f"{{term}}`{target[1]}`"
            return f"{{term}}`{text} <{target[1]}>`"
        if target and target[0] == "doc":
            self.report.count("link")
            relative = self.relative(target[1])
            self.report.note(line, f"link to {url} now points to the book's {relative}")
            return f"[{text}]({relative})"
        self.report.problem(line, f"link to {url} (a page of the old site) has no page in the "
                                  f"book: kept as plain text {shown!r}")
        return shown


def plain_paragraph(lines: list[SourceLine]) -> bool:
    """Lines of an ordinary paragraph (not a list item, quote or table row): the only kind a
    setext underline makes a heading of."""
    first = lines[0].text
    return not (BULLET.match(first) or ITEM.match(first) or first.lstrip().startswith(("|", ">")))


def parse_company_line_if_item(text: str, line: int):
    item = re.match(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$", text)
    if not item:
        return []
    return [c for c in parse_company_line(item.group(1), line) if usable_url(c.url)]
