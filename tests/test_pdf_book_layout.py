"""The reader's PDF as a printed book: two-sided pages, a back-of-book index that points
into the chapters, and links that still say where they go on paper.

Reads the PDF built by `make book` (pypdf for the outline and page labels, pdftotext for
the text) and the HTML edition built beside it (what the chapters link to and use).
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from handbook.common.characters import typographic_apostrophes
from pdf_pages import (
    footnote_labels,
    internal_links,
    outline_entries,
    page_texts,
    page_words,
)
from pypdf import PdfReader

pytestmark = pytest.mark.book

NAME = "climate-solutions-handbook"


@pytest.fixture(scope="module")
def pdf(book) -> Path:
    build_dir, _ = book
    return build_dir / "pdf" / f"{NAME}.pdf"


@pytest.fixture(scope="module")
def html(book) -> Path:
    build_dir, _ = book
    return build_dir / "html"


@pytest.fixture(scope="module")
def reader(pdf) -> PdfReader:
    return PdfReader(pdf)


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    return page_texts(pdf)


@pytest.fixture(scope="module")
def outline(reader) -> list[tuple[int, str, int]]:
    return outline_entries(reader)


def is_blank(text: str) -> bool:
    return not text.strip()


# -- Two-sided pages ------------------------------------------------------------------

def chapters(outline) -> list[tuple[str, int]]:
    """(title, page) of every chapter: the outline's entries one level below a part."""
    found, in_part = [], False
    for depth, title, page in outline:
        if depth == 0:
            in_part = bool(re.match(r"[IVX]+ ", title))  # "I Buildings"
        elif depth == 1 and in_part:
            found.append((title, page))
    return found


def openers(outline) -> list[tuple[str, int]]:
    """(title, page) of every part, chapter, and front or back matter chapter."""
    return [(title, page) for depth, title, page in outline if depth == 0] + chapters(outline)


def test_parts_and_chapters_open_on_right_hand_pages(outline):
    assert len(openers(outline)) > 10
    assert [(title, page) for title, page in openers(outline) if page % 2 == 0] == []


def main_matter_start(reader) -> int:
    """The physical index (from 0) of folio 1: the first "1" after the roman folios."""
    labels = reader.page_labels
    return next(i for i in range(1, len(labels))
                if labels[i] == "1" and not labels[i - 1].isdigit())


def test_page_one_is_a_right_hand_page(reader):
    assert main_matter_start(reader) % 2 == 0, "folio 1 must be on a right-hand page"


def test_blank_pages_are_only_versos_before_an_opener(reader, pages, outline):
    """A blank page is the left-hand page before a part or chapter that must open on the
    right (or the back of the half-title), never a page lost in the middle of a text."""
    opening_pages = {page for _title, page in openers(outline)}
    blank = [number for number, text in enumerate(pages, start=1)
             if is_blank(text) and not reader.pages[number - 1].images]
    assert blank, "a two-sided book with right-hand openers has some blank versos"
    misplaced = [number for number in blank
                 if number % 2 == 1 or (number + 1 not in opening_pages and number != 2)]
    assert misplaced == []


def test_front_matter_is_half_title_title_licence_then_contents(pages):
    half_title, half_title_verso, title, licence, contents = pages[:5]
    assert half_title.split() == ["Climate", "Solutions", "Handbook"]
    assert is_blank(half_title_verso)
    assert "Solutions that cut greenhouse-gas emissions" in title
    assert "Creative Commons Attribution 4.0" in " ".join(licence.split())
    assert contents.split()[0] == "Contents"


# -- The index ------------------------------------------------------------------------

def printed_range(reader, outline, title: str) -> range:
    """The folios (as printed) of the outline entry *title*, up to the next entry at its depth."""
    labels = reader.page_labels
    for position, (depth, name, page) in enumerate(outline):
        if name == title:
            end = next((later for d, _n, later in outline[position + 1:] if d <= depth),
                       len(labels) + 1)
            folios = [int(label) for label in labels[page - 1:end - 1] if label.isdigit()]
            return range(min(folios), max(folios) + 1)
    raise AssertionError(f"{title!r} is not in the outline")


@dataclass(frozen=True)
class IndexLine:
    page: int  # 1-based
    right: bool  # in the right-hand column
    left: float  # where its first word starts, in points from the page's left edge
    text: str


def index_columns(pdf: Path, first_page: int) -> list[list[IndexLine]]:
    """The index's columns in reading order (each page's left column, then its right one),
    each a list of its printed lines, without running head or folio (pdftotext's word
    boxes; its plain text interleaves the two columns' wrapped lines)."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(first_page), str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
    columns = []
    for number, page in enumerate(BeautifulSoup(layout, "html.parser").find_all("page"),
                                  start=first_page):
        width, height = float(page["width"]), float(page["height"])
        rows: dict[tuple[bool, int], list[tuple[float, str]]] = {}
        for word in page.find_all("word"):  # by word: pdftotext may join the two columns
            top = float(word["ymin"])
            if top < 0.07 * height or top > 0.93 * height:
                continue  # the running head and the folio
            key = (float(word["xmin"]) >= width / 2, round(top))
            rows.setdefault(key, []).append((float(word["xmin"]), word.get_text()))
        for right in (False, True):
            columns.append([IndexLine(number, right, min(rows[key])[0],
                                      " ".join(piece for _x, piece in sorted(rows[key])))
                            for key in sorted(rows) if key[0] == right])
    return columns


def index_lines(pdf: Path, first_page: int) -> list[str]:
    """The index's printed lines in reading order, without its letter headings."""
    return [line.text for column in index_columns(pdf, first_page) for line in column
            if len(line.text) > 1 and line.text != "Numbers and symbols"]


@pytest.fixture(scope="module")
def index_start(outline) -> int:
    """The index's first page (physical, from 1)."""
    return next(page for _depth, title, page in outline if title == "Index")


@pytest.fixture(scope="module")
def index_text(pdf, index_start) -> str:
    """The index's lines joined by spaces, in reading order."""
    return " ".join(index_lines(pdf, index_start))


def in_index(name: str, index_text: str) -> bool:
    """Whether *name* is an index entry with page numbers: "name, 12" (or "name, 12, 40")."""
    return re.search(rf"(?:^|[\s,]){re.escape(name)},\s*\d", index_text) is not None


def index_page_numbers(index_text: str) -> list[int]:
    """Every page number the index prints (each follows a comma)."""
    return [int(n) for n in re.findall(r",\s*(\d+)\b", index_text)]


def test_index_points_into_the_chapters_not_the_glossary(reader, outline, index_text):
    glossary = printed_range(reader, outline, "Glossary")
    pages = index_page_numbers(index_text)
    assert len(pages) > 500
    assert sorted({page for page in pages if page in glossary}) == []


def test_every_page_number_of_the_index_prints_the_page_it_links_to(pdf, reader, index_start):
    """Each page number of the index is a link to its page ("page.61"); the words under
    the link must hold that number. xindy writes a run of pages, 61 to 63, as two links
    with nothing between them, which printed "6163" (handbook.sty prints "61–63")."""
    words = page_words(pdf)
    checked, misprinted = 0, []
    for link in internal_links(reader):
        if link.page < index_start or not link.target.startswith("page."):
            continue
        under = [word.text for word in words[link.page - 1]
                 if word.left < link.right and word.right > link.left
                 and word.top < link.bottom and word.bottom > link.top]
        checked += 1
        if link.target.removeprefix("page.") not in re.findall(r"\d+", " ".join(under)):
            misprinted.append(f"p. {link.page}: {' '.join(under)} (a link to {link.target})")
    assert checked > 1000
    assert misprinted == []


def test_every_company_of_a_panel_is_in_the_index(html, index_text):
    companies = [company["name"] for company in
                 json.loads((html / "companies.json").read_text(encoding="utf-8"))]
    assert companies
    # The index prints a name with the text's apostrophe, as the chapters do.
    assert [name for name in companies
            if not in_index(typographic_apostrophes(name), index_text)] == []


def test_glossary_terms_the_chapters_use_are_in_the_index(html, index_text):
    glossary = BeautifulSoup((html / "glossary.html").read_text(), "html.parser")
    term_of = {dt["id"]: " ".join(dt.get_text(" ").split()).rstrip("#¶ ")
               for dt in glossary.select("dl.glossary dt[id]")}
    used = set()
    for page in html.glob("*/*.html"):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for link in soup.select("article a.reference.internal[href*='glossary.html#']"):
            used.add(term_of.get(link["href"].split("#")[1]))
    used.discard(None)
    assert len(used) > 50
    assert sorted(term for term in used if not in_index(term, index_text)) == []


def test_no_column_of_the_index_starts_inside_an_entry(pdf, index_start):
    """A column of the index opens with a main entry, a letter heading, or the entry whose
    subentries go on in it, repeated: "Australia (continued)" (handbook.sty); never with a
    bare subentry, whose main entry is then in the column before, nor with the second line
    of an entry. Each column's left edge is the leftmost line of the index's columns on
    pages of its side (left- and right-hand pages have different margins)."""
    columns = [column for column in index_columns(pdf, index_start) if column]
    edge: dict[tuple[int, bool], float] = {}
    for column in columns:
        side = (column[0].page % 2, column[0].right)
        edge[side] = min([edge.get(side, 1e9)] + [line.left for line in column])
    main_entries = {line.text.split(",")[0] for column in columns for line in column}
    inside, repeated = [], []
    for column in columns:
        first = next(line for line in column if line.text != "Index")  # the index's title
        if first.left - edge[(first.page % 2, first.right)] > 3:
            inside.append(f"p. {first.page} {'right' if first.right else 'left'}: {first.text}")
        if first.text.endswith("(continued)"):
            repeated.append(first.text.removesuffix("(continued)").strip())
    assert inside == []
    assert repeated and [name for name in repeated if name not in main_entries] == []


# -- Links on paper ---------------------------------------------------------------------

def squeezed(text: str) -> str:
    """Text with every space and line break gone: a printed address breaks anywhere."""
    return re.sub(r"\s+", "", text)


def shows_its_address(link) -> bool:
    """A link whose text is its address (a URL, or "doi:…" for a doi.org link)."""
    text, address = squeezed(link.get_text()), squeezed(unquote(link["href"]))
    return text in (address, unquote(address)) or \
        address == "https://doi.org/" + text.removeprefix("doi:")


def test_links_that_do_not_show_their_address_print_it(html, pages):
    """A link whose text is not its address ("Jobs in this solution", a Learn More item)
    prints the address in a footnote: nothing a reader could follow on screen is lost."""
    printed = squeezed(unquote(" ".join(pages)))
    named, missing = 0, set()
    for page in html.glob("*/*.html"):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for link in soup.select("article.bd-article a.reference.external"):
            if shows_its_address(link):
                continue
            named += 1
            if squeezed(unquote(link["href"])) not in printed:
                missing.add((page.stem, link.get_text(), link["href"]))
    assert named > 40
    assert sorted(missing) == []


def test_links_to_chapters_carry_the_chapters_page_numbers(reader, outline, pages, html):
    """Solutions at a glance links every chapter; on paper each link says "(p. N)", N the
    folio on which that chapter opens."""
    overview_html = BeautifulSoup((html / "solutions-at-a-glance.html").read_text(),
                                  "html.parser")
    linked = {link["href"] for link in overview_html.select("article table a.reference.internal")}
    labels = reader.page_labels
    chapter_folios = {int(labels[page - 1]) for _title, page in chapters(outline)}
    overview = printed_range(reader, outline, "Solutions at a glance")
    start = main_matter_start(reader)
    text = " ".join(pages[start + folio - 1] for folio in overview)
    referenced = [int(n) for n in re.findall(r"\(p\.\s*(\d+)\)", text)]
    assert len(linked) > 30
    assert len(referenced) == len(linked)
    assert set(referenced) <= chapter_folios


# -- Footnotes ------------------------------------------------------------------------

def test_footnotes_count_from_one_in_each_chapter_in_reading_order(pdf, outline):
    """A chapter's footnotes are numbered 1, 2, 3 … in the order the reader meets them,
    as printed books number them, not through the whole book (chapter 40's sources were
    once footnotes 1,300 and up, and a Learn More address came before the sources above it)."""
    labels = footnote_labels(pdf)
    starts = sorted(page for _title, page in openers(outline))
    wrong = []
    for title, first in chapters(outline):
        end = next((page for page in starts if page > first), len(labels) + 1)
        numbers = [number for page in labels[first - 1:end - 1] for number in page]
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            wrong.append(f"{title}: {numbers}")
    assert len(chapters(outline)) > 10
    assert wrong == [], "\n".join(wrong)


# -- The company directory ------------------------------------------------------------

def test_directory_lists_the_pages_of_each_chapter_a_company_is_on(reader, outline, pages):
    """"Appears in: Recycling, pp. 521, 527; Recycled Plastics, p. 560": each chapter with
    the pages of the company's panel entry and case studies, each page once, in order."""
    start = main_matter_start(reader)
    text = " ".join(pages[start + folio - 1]
                    for folio in printed_range(reader, outline, "Company directory"))
    text = re.sub(r"-\s*\n\s*", "-", re.sub(r"\s+", " ", text))
    listings = re.findall(r", (pp?)\.\s*(\d+(?:, \d+)*)", text)
    assert len(listings) > 100
    assert "(p." not in text  # the chapter's own "(p. N)" of links elsewhere
    for kind, numbers in listings:
        folios = [int(n) for n in numbers.split(", ")]
        assert folios == sorted(set(folios)), numbers
        assert (kind == "pp") == (len(folios) > 1), numbers
    assert any(kind == "pp" for kind, _ in listings)
