"""The PDF edition as a printed book: fonts, outline, metadata, links, boxes (two-sided pages, the index and links on paper: test_pdf_book_layout.py).

Reads the PDF built by `make book` (pypdf, poppler's pdffonts and pdftotext) and its
LaTeX log.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from conftest import REPO
from handbook.company_panel import DEFAULT_TITLE as PANEL_TITLE
from handbook.company_panel import JOBS_LINK_TEXT
from handbook.editions.book_sources import chapter_titles
from handbook.number_unit_ties import UNITS
from handbook.pdf_links import ascii_uri
from pdf_pages import (
    Word,
    book_chapters,
    internal_links,
    outline_entries,
    page_fills,
    page_texts,
    page_words,
    read_once,
)
from printed_lines import (
    BODY_SIZE,
    FOLIO_BELOW,
    HEAD_ABOVE,
    Line,
    PrintedPage,
    read_pages,
)
from pypdf import PdfReader

pytestmark = pytest.mark.book

NAME = "climate-solutions-handbook"


@pytest.fixture(scope="module")
def pdf(book):
    build_dir, _ = book
    return build_dir / "pdf" / f"{NAME}.pdf"


@pytest.fixture(scope="module")
def latex_log(book) -> str:
    build_dir, _ = book
    return (build_dir / "latex-a4" / f"{NAME}.log").read_text(errors="replace")


def test_no_missing_characters(latex_log):
    missing = re.findall(r"^Missing character: .*$", latex_log, re.M)
    assert missing == []


def overfull(latex_log: str, kind: str) -> list[tuple[float, str]]:
    # "Overfull \hbox (12.3pt too wide) in paragraph at lines 120--125" + the offending text.
    boxes = re.findall(rf"^(Overfull \\{kind}box \((\d+(?:\.\d+)?)pt too \w+\).*)\n(.*)$",
                       latex_log, re.M)
    return [(float(size), f"{line} :: {text}") for line, size, text in boxes]


def test_no_overfull_line_wider_than_1pt(latex_log):
    assert [where for size, where in overfull(latex_log, "h") if size > 1.0] == []


def test_no_page_overfull_by_more_than_4pt(latex_log):
    # A framed box split at a page break may end a few points into the 25 mm bottom
    # margin (exercise boxes with their badge line: up to 3.7 pt at 93 chapters), which no
    # reader sees; more than that would show.
    assert [where for size, where in overfull(latex_log, "v") if size > 4.0] == []


def test_every_font_is_embedded(pdf):
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert listing, "pdffonts lists no fonts"
    # Columns: name, type, encoding, emb, sub, uni, object ID; 'emb' is 'yes' or 'no'.
    not_embedded = [line for line in listing if line.split()[-5] != "yes"]
    assert not_embedded == []


def test_outline_has_parts_and_chapters_and_metadata_is_set(pdf):
    reader = PdfReader(pdf)
    titles = [(depth, title) for depth, title, _page in outline_entries(reader)]
    parts = [title for depth, title in titles if depth == 0 and re.match(r"[IVX]+ ", title)]
    assert parts, titles
    chapters = [title for depth, title in titles if depth == 1]
    assert "High-Efficiency Heat Pumps" in chapters
    meta = reader.metadata
    assert meta.title and meta.author and meta.subject and meta.creation_date


def test_external_links_in_the_text_are_clickable(book, pdf):
    """Every external link of the HTML edition's chapters is a link annotation in the PDF."""
    build_dir, _ = book
    html_links = set()
    for page in (build_dir / "html").rglob("*.html"):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        article = soup.select_one("article.bd-article")
        if article:
            html_links |= {a["href"] for a in article.select("a.reference.external")}
    reader = PdfReader(pdf)
    annotated = set()
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                annotated.add(action["/URI"])
    assert html_links, "no external links found in the HTML edition"
    # PDF link actions are ASCII: an address with "£" is there percent-encoded.
    assert sorted({ascii_uri(link) for link in html_links} - annotated) == []
    assert all(uri.isascii() for uri in annotated)


def text_block(pages: tuple[tuple[Word, ...], ...]) -> tuple[int, int]:
    """The left and right edges of the text block: where most lines start and end (the
    justified text)."""
    left = Counter(round(word.left) for page in pages for word in page).most_common(1)[0][0]
    right = Counter(round(word.right) for page in pages for word in page).most_common(1)[0][0]
    assert 50 < left < 100 and 400 < right < 560, (left, right)  # A4's, not a stray word's
    return left, right


def test_no_text_runs_into_the_outer_margin(pdf):
    """Every word ends inside the text block; a full stop or hyphen may hang a point or
    two past it (microtype's protrusion). A caption set wider than its table ran 6 pt past
    it on every part page."""
    pages = page_words(pdf)
    _, edge = text_block(pages)
    beyond = [f"p. {number}: {word.text!r} ends at {word.right:.1f} pt"
              for number, page in enumerate(pages, start=1) for word in page
              if word.right > edge + 3]
    assert beyond == []


# -- Page breaks a typesetter would accept -----------------------------------------------

@pytest.fixture(scope="module")
def printed(pdf) -> list[PrintedPage]:
    return read_pages(pdf)


def above_footnotes(page: PrintedPage) -> list[Line]:
    lines = []
    for line in page.lines:
        if line.footnote_start:
            break
        lines.append(line)
    return lines


def company_panels(printed: list[PrintedPage]) -> list[list[tuple[str, int, int | None]]]:
    """Each panel's companies: (name, page of its name, page of its web address)."""
    panels, current = [], None
    for number, page in enumerate(printed, start=1):
        for line in above_footnotes(page):
            if line.bold and line.text == PANEL_TITLE:
                current = []
                panels.append(current)
            elif current is None:
                continue
            elif line.text.startswith(JOBS_LINK_TEXT) or line.bold:
                current = None  # the panel ends with its jobs link, or the next box's title
            elif line.text.startswith("\u2022"):
                current.append((re.split(r"\s*\u2014", line.text[1:])[0].strip(), number, None))
            elif re.match(r"https?://", line.text) and current and current[-1][2] is None:
                current[-1] = (*current[-1][:2], number)
    return panels


def test_no_company_of_a_panel_is_split_from_its_address(printed):
    panels = company_panels(printed)
    assert panels and all(panels), panels
    split = [(name, name_page, url_page) for panel in panels
             for name, name_page, url_page in panel if url_page != name_page]
    assert split == []


def test_no_directory_entry_is_split_across_pages(printed):
    """Every page of the company directory after its first starts with a company's name."""
    pages = [(number, page) for number, page in enumerate(printed, start=1)
             # pypdf may join the words of a running head: compared without spaces.
             if page.head.replace(" ", "").startswith("Companydirectory")]
    assert pages
    assert [(number, page.lines[0].text) for number, page in pages
            if not page.lines[0].bold] == []


FRONT_PAGES = 4  # half-title, its blank back, title page, licence page


NUMBER_AT_LINE_END = re.compile(r"(?<![\w.,])\d[\d,.]*$")


def test_no_figure_is_parted_from_its_unit_at_a_line_break(printed):
    """"1.5 °C", "70 MW": in the running text, never the figure at the end of one line and
    its unit starting the next (number_unit_ties.py)."""
    unit_first = re.compile(rf"({'|'.join(map(re.escape, UNITS))})(?![A-Za-z])")
    parted = []
    for number, page in enumerate(printed, start=1):
        text = [line for line in page.lines if line.size >= BODY_SIZE]
        parted += [f"p. {number}: ...{above.text[-20:]} | {below.text[:20]}..."
                   for above, below in zip(text, text[1:])
                   if NUMBER_AT_LINE_END.search(above.text) and unit_first.match(below.text)]
    assert parted == []


# The running head and the folio, as printed_lines places them, from an A4 page's top.
A4_HEIGHT = 841.89
HEAD_LINE, FOLIO_LINE = A4_HEIGHT - HEAD_ABOVE, A4_HEIGHT - FOLIO_BELOW


@dataclass(frozen=True)
class TextLine:
    top: float
    bottom: float
    left: float
    right: float
    text: str


def text_lines(page: tuple[Word, ...]) -> list[TextLine]:
    """A page's lines in the body's type (about 11 pt high boxes: not footnotes, tables,
    headings or the running head), top to bottom, from its words' boxes."""
    rows: dict[int, list[Word]] = {}
    for word in page:
        if HEAD_LINE < word.bottom < FOLIO_LINE:
            rows.setdefault(round(word.bottom), []).append(word)
    lines = []
    for bottom in sorted(rows):
        words = sorted(rows[bottom], key=lambda word: word.left)
        lines.append((max(word.bottom - word.top for word in words),
                      TextLine(min(word.top for word in words), bottom, words[0].left,
                               max(word.right for word in words),
                               " ".join(word.text for word in words))))
    return [line for height, line in lines if 10.5 < height < 13.5]


def test_no_paragraph_ends_alone_at_the_top_of_a_page(pdf):
    """No widow: a page does not start with the short last line of a paragraph whose other
    lines are on the page before (a full line at its foot)."""
    pages = page_words(pdf)
    left, right = text_block(pages)
    widows = []
    for number in range(2, len(pages) + 1):
        before, lines = text_lines(pages[number - 2]), text_lines(pages[number - 1])
        if not before or len(lines) < 2:
            continue
        first, second, above = lines[0], lines[1], before[-1]
        starts_page = all(word.bottom >= first.top for word in pages[number - 1]
                          if HEAD_LINE < word.bottom < FOLIO_LINE)
        if (starts_page and abs(first.left - left) < 2 and first.right < right - 40
                and re.search(r"[.!?)\u201d\u2019]$", first.text)  # not "is:" before an equation
                and not re.match(r"(Table|Figure) [\d.]+: ", first.text)  # a table's caption
                and second.top - first.bottom > 6  # the next paragraph, or a box, follows
                and abs(above.left - left) < 2 and above.right >= right - 3):
            widows.append(f"p. {number}: {first.text[:60]}")
    assert widows == []


def test_no_heading_or_title_ends_a_page(printed):
    """A heading, an exercise's or a box's title, a glossary term or a company's name in
    the directory has text of its own below it on its page. (Entries of the table of
    contents, bold and ending in a page number, are not titles.)"""
    stranded = []
    for number, page in enumerate(printed, start=1):
        if number <= FRONT_PAGES:
            continue  # the half-title and title pages are titles alone, by design
        lines = above_footnotes(page)
        for i, line in enumerate(lines):
            title = (line.bold and line.size >= BODY_SIZE
                     and not line.text.startswith(JOBS_LINK_TEXT))
            if title and not re.search(r"\s\d+$", line.text) and not any(
                    below.size >= BODY_SIZE for below in lines[i + 1:]):
                stranded.append((number, line.text))
    assert stranded == []


def case_study_ground() -> tuple[int, ...]:
    found = re.search(r"\\definecolor\{hbcase\}\{RGB\}\{(\d+),(\d+),(\d+)\}",
                      (REPO / "_static" / "latex" / "handbook.sty").read_text(encoding="utf-8"))
    return tuple(int(value) for value in found.groups())


def boxes_going_on(pdf) -> list[tuple[int, int, set]]:
    """(page, lines of text, fill colours) of each box that goes on from the page before:
    a box at the top of a page, above its first line of text, with no title bar at its top
    (a filled shape as wide as it but shorter: a box that starts there has one)."""
    found = []
    for number, (fills, words) in enumerate(zip(page_fills(pdf), page_words(pdf)), start=1):
        text = [word for word in words if HEAD_LINE < word.top and word.bottom < FOLIO_LINE]
        first = min((word.top for word in text), default=FOLIO_LINE)
        at_top: dict[int, list] = {}
        for fill in fills:
            if fill.colour != (0, 0, 0) and fill.bottom - fill.top > 8 and fill.top <= first:
                at_top.setdefault(round(fill.top), []).append(fill)
        for group in at_top.values():
            box = max(group, key=lambda fill: fill.bottom - fill.top)
            if any(fill.bottom - fill.top < box.bottom - box.top - 5 for fill in group):
                continue
            tops = sorted(word.top for word in text if box.top <= word.top
                          and word.bottom <= box.bottom + 1)
            lines = [top for i, top in enumerate(tops) if i == 0 or top - tops[i - 1] > 6]
            found.append((number, len(lines), {fill.colour for fill in group}))
    return found


def test_no_box_goes_on_to_the_next_page_with_fewer_than_three_lines(pdf):
    """An exercise, a solution, learning objectives, a case study or another box that
    breaks across pages takes at least three of its lines to the next page: never one or
    two, nor an empty sliver of its frame (handbook.sty: \\HandbookLeaveATail for the
    admonitions, which framed.sty breaks, \\HandbookLeaveATcbTail for the case studies,
    which tcolorbox breaks)."""
    going_on, case_study = boxes_going_on(pdf), case_study_ground()
    assert len(going_on) > 50  # the detection finds the boxes that go on
    assert sum(1 for _number, _lines, colours in going_on if case_study in colours) > 10
    short = [f"p. {number}: {lines} lines" for number, lines, _colours in going_on if lines < 3]
    assert short == []


def first_footnote_marks(pdf) -> dict[str, int]:
    """Each footnote's first mark: the page of the link to its note ("Hfootnote.17") that
    comes first in the PDF."""
    first: dict[str, int] = {}
    for link in internal_links(PdfReader(pdf)):
        if link.target.startswith("Hfootnote."):
            first.setdefault(link.target, link.page)
    return first


def test_a_footnote_is_printed_on_the_page_of_its_first_mark(pdf):
    """A note is on the page where the reader meets its mark, in the text, in a table and
    in a box. Notes cited in a table are set under the table (handbook.sty,
    \\HandbookTableNotes), so that they go where the table goes; when Sphinx let them out
    after the table, a table near a page's foot sent them to the next page (19 notes in
    the reader's PDF). A box's notes are lifted out of it onto the page of the part that
    cites them (handbook.sty, \\HandbookRoomForNotes); when an exercise let them out after
    itself and a case study set them at its end, 62 notes were a page after their marks."""
    reader = PdfReader(pdf)
    notes = {name: reader.get_destination_page_number(destination) + 1
             for name, destination in reader.named_destinations.items()
             if name.startswith("Hfootnote.")}
    marks = first_footnote_marks(pdf)
    assert len(notes) > 2000 and set(marks) == set(notes)  # every note has a mark
    away = [f"{name}: mark on p. {page}, note on p. {notes[name]}"
            for name, page in marks.items() if page != notes[name]]
    assert away == []


def test_no_web_address_leaves_a_few_letters_alone_on_a_line(printed):
    """Web addresses break after any character (xurl); the last line of one that breaks
    holds more than a few letters ("…Macroalgae+Protection+and+Restoratio" / "n" was the
    jobs link of a chapter's "At a glance")."""
    alone = [f"p. {number}: ...{line.text[-30:]} / {below.text}"
             for number, page in enumerate(printed, start=1)
             for line, below in zip(page.lines, page.lines[1:])
             if "http" in line.text.rsplit(" ", 1)[-1] and len(below.text.strip()) <= 4
             and not below.text.strip().isdigit()]
    assert alone == []


# -- Tables and figures ----------------------------------------------------------------
CAPTION = re.compile(r"^\s*(Figure|Table) ([\d.]+): ", re.M)
CONTINUED = re.compile(r"Table ([\d.]+) \S continued from previous page")


@read_once
def chapter_pages(pdf) -> dict[int, range]:
    """Chapter number -> its pages (0-based): from a chapter's first page to the next
    chapter, part or back-matter page in the outline."""
    reader = PdfReader(pdf)
    starts: list[tuple[int, int | None]] = [  # (start page, chapter number or None)
        (reader.get_destination_page_number(item), None)
        for item in reader.outline if not isinstance(item, list)]
    starts += [(page, number) for number, _title, page in book_chapters(pdf)]
    starts.sort()
    ends = [start for start, _ in starts[1:]] + [len(reader.pages)]
    return {chapter: range(start, end) for (start, chapter), end in zip(starts, ends) if chapter}


def test_figures_and_tables_are_numbered_by_chapter(pdf):
    """"Figure 3.2", "Table 3.1": a chapter's figures and tables carry its number and
    count from 1 in it, as in the HTML edition."""
    pages = page_texts(pdf)
    chapters = chapter_pages(pdf)
    assert len(chapters) > 20, chapters
    checked = 0
    for chapter, span in chapters.items():
        found: dict[str, list[str]] = {"Figure": [], "Table": []}
        for page in span:
            for kind, number in CAPTION.findall(pages[page]):
                found[kind].append(number)
        for kind, numbers in found.items():
            assert numbers == [f"{chapter}.{n}" for n in range(1, len(numbers) + 1)], (kind, chapter)
            checked += len(numbers)
    assert checked > 40


# "Table 3.1: ", "Table II.1: " (a part's page), "Table 1: " (front and back matter).
PRINTED_CAPTION = re.compile(r"^\s*(Figure|Table) (?:[\dA-Z]+\.)?\d+: ", re.M)


def test_every_figure_and_table_has_a_link_target_of_its_own(pdf):
    """A link to "Table 16.1" opens Table 16.1: each caption the PDF prints (in a chapter,
    on a part's page, in the front or back matter) has its own named destination. Two
    floats that share one (Part II's table after chapter 16's, "table.16.1") leave the
    second without a target, and LaTeX's backend keeps only the first."""
    captions = {"Figure": 0, "Table": 0}
    for page in page_texts(pdf):
        for match in PRINTED_CAPTION.finditer(page):
            captions[match.group(1)] += 1
    destinations = PdfReader(pdf).named_destinations
    targets = {kind: sum(name.startswith(f"{kind.lower()}.") for name in destinations)
               for kind in captions}
    assert captions["Table"] > 100 and captions["Figure"] > 50
    assert targets == captions


EXERCISE_TITLE = re.compile(r"^\s*Exercise (\d+)\.(\d+) \(", re.M)


def test_exercises_are_numbered_by_chapter(pdf):
    """"Exercise 3.2": the second exercise of chapter 3, so that a teacher can say "do 3.2"
    to a class with the book, a course pack or a handout."""
    pages = page_texts(pdf)
    with_exercises = 0
    for chapter, span in chapter_pages(pdf).items():
        titles = [(int(c), int(n)) for page in span for c, n in EXERCISE_TITLE.findall(pages[page])]
        assert titles == [(chapter, n) for n in range(1, len(titles) + 1)], chapter
        with_exercises += bool(titles)
    assert with_exercises == len(chapter_titles(REPO / "book"))  # every solution's chapter


def test_every_long_table_has_its_caption_on_its_first_page(pdf):
    pages = page_texts(pdf)
    continued = [(index, match.group(1)) for index, page in enumerate(pages)
                 for match in CONTINUED.finditer(page)]
    assert continued, "no table runs over a page"
    for index, number in continued:
        first = index
        while CONTINUED.search(pages[first]):
            first -= 1
        assert re.search(rf"^\s*Table {re.escape(number)}: ", pages[first], re.M), \
            (f"page {index + 1} continues Table {number}, whose first page {first + 1} "
             "has no caption")


def test_no_hyphen_minus_for_a_minus_sign_in_tables(pdf):
    """A negative figure in a table prints with a true minus sign (U+2212)."""
    pages = page_texts(pdf)
    with_tables = [page for page in pages if CAPTION.search(page) or CONTINUED.search(page)]
    hyphen_before_digit = re.compile(r"(?<![\w.,\-/])-\d[\d.,]*")
    assert [match.group(0) for page in with_tables
            for match in hyphen_before_digit.finditer(page)] == []
    # Drawdown's one negative figure: Landfill Methane Capture, Scenario 2.
    assert any(re.search(r"Landfill Methane Capture.*\u22121\.48", page) for page in with_tables)


def test_html_edition_numbers_figures_and_tables_as_the_pdf(book, pdf):
    """The HTML edition's "Table 3.1" is the PDF's "Table 3.1", with the same caption."""
    build_dir, _ = book
    printed = re.sub(r"\s+", " ", "".join(page_texts(pdf)))
    captions = []
    for page in sorted((build_dir / "html").rglob("*.html")):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for number in soup.select("span.caption-number"):
            label = number.get_text(" ", strip=True)
            text = number.find_next_sibling("span", class_="caption-text")
            if label.startswith(("Figure", "Table")) and text is not None:
                words = " ".join(text.get_text(" ", strip=True).split()[:3])
                captions.append(f"{label}: {words}")
    assert len(captions) > 40 and any(re.match(r"Table \d+\.2: ", c) for c in captions)
    assert [caption for caption in captions if caption not in printed] == []


def test_the_readers_pdf_ends_with_back_matter_and_tells_no_one_to_run_a_command(pdf):
    """The Courses page (how a teacher builds a pack) is for the HTML edition only."""
    reader = PdfReader(pdf)
    parts = [item.title for item in reader.outline if not isinstance(item, list)
             and re.match(r"[IVX]+ ", item.title)]
    assert parts and not any("Courses" in title for title in parts)
    assert not any(re.search(r"\bmake (course|html|pdf|book|test|lms|handouts)\b", page)
                   for page in page_texts(pdf))
    back = [item.title for item in reader.outline if not isinstance(item, list)]
    assert back[-1] == "Index" and "Glossary" in back and "Courses" not in back


def test_answer_key_fills_its_pages(printed):
    """Its chapter headings keep only a few lines with them, so a page of short answers
    runs to the foot of the page, not two thirds of the way down."""
    pages = [page for page in printed if page.head.replace(" ", "") == "Answerstotheexercises"]
    assert len(pages) >= 3
    short = [(index, page.lines[-1].y) for index, page in enumerate(pages[:-1]) if page.lines[-1].y > 200]
    assert short == []


def test_the_back_matter_uses_the_texts_apostrophe(pdf):
    """The answers, glossary, directory, case-study index and index are made from names
    and titles that smart quotes never see: they print "China’s" as the chapters do,
    never a typewriter "China's" (web addresses aside)."""
    reader = PdfReader(pdf)
    answers = next(page for depth, title, page in outline_entries(reader)
                   if depth == 0 and title.startswith("Answers"))
    straight = [(number, word) for number, text in enumerate(page_texts(pdf), start=1)
                if number >= answers
                for word in re.findall(r"\S*\w'\w*\S*", text) if "/" not in word]
    assert straight == []


def test_every_page_of_text_but_an_opener_has_a_running_head(printed, pdf):
    """A page of text in the book's body (arabic folios) carries its chapter, section,
    part or back-matter section above a rule; only a page that opens one (its title is
    its head) does without. (The pages a part's introduction ran on to had the rule over
    nothing.) The contents, in the front matter, go without, by design."""
    reader = PdfReader(pdf)
    labels = reader.page_labels
    openers = {page for depth, _title, page in outline_entries(reader) if depth <= 1}
    headless = [number for number, page in enumerate(printed, start=1)
                if number > FRONT_PAGES and labels[number - 1].isdigit()
                and len(page.lines) >= 5 and not page.head
                and number not in openers]
    assert headless == []
