"""Reading the built PDF for the tests: each page's text, the outline (bookmarks) and the
footnotes' printed numbers."""

from __future__ import annotations

import functools
import re
import subprocess
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

# The typographic ligatures (ﬁ, ﬂ, …) that pdftotext sometimes reports as one character,
# read as their letters, as a PDF viewer's search reads them.
LIGATURES = {chr(code): unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


def without_ligatures(text: str) -> str:
    return text.translate(str.maketrans(LIGATURES))


def read_once(reading: Callable) -> Callable:
    """*reading* of a PDF done once per file as it is: the book's 1,300 pages take seconds
    to read, and many tests read them. The result is shared, so callers do not change it."""
    @functools.cache
    def read(pdf: Path, _stamp: tuple[int, int]):
        return reading(pdf)

    @functools.wraps(reading)
    def reader(pdf: Path):
        stat = Path(pdf).stat()
        return read(Path(pdf), (stat.st_mtime_ns, stat.st_size))
    return reader


@read_once
def page_texts(pdf: Path) -> tuple[str, ...]:
    """The text of each page, laid out as printed (pdftotext -layout), in physical order."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return tuple(without_ligatures(text).split("\f")[:-1])  # a form feed ends every page


def outline_entries(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, physical page number from 1) of every outline entry, in order."""
    entries = []

    def walk(items, depth=0):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return entries


@read_once
def book_chapters(pdf: Path) -> tuple[tuple[int, str, int], ...]:
    """(chapter number, title, first page from 0) of each chapter, from the outline: the
    chapters under the parts ("I Buildings", …), counted through the book as a reader
    of the contents would count them."""
    reader = PdfReader(pdf)
    outline, chapters = reader.outline, []
    for index, item in enumerate(outline):
        if isinstance(item, list) and index and re.match(r"[IVX]+ ", outline[index - 1].title):
            for chapter in item:
                if not isinstance(chapter, list):  # a list holds the chapter's sections
                    chapters.append((len(chapters) + 1, chapter.title,
                                     reader.get_destination_page_number(chapter)))
    return tuple(chapters)


WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                      r'([^<]*)</word>')


@dataclass(frozen=True)
class Word:
    left: float
    top: float
    right: float
    bottom: float
    text: str


@read_once
def page_words(pdf: Path) -> tuple[tuple[Word, ...], ...]:
    """Each page's words with their boxes (pdftotext -bbox), in points from the top left."""
    pages = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.split("<page ")[1:]
    return tuple(tuple(Word(float(left), float(top), float(right), float(bottom), text)
                       for left, top, right, bottom, text in WORD_BOX.findall(page))
                 for page in pages)


@dataclass(frozen=True)
class Link:
    """A link to a place in the PDF ("page.61", "Hfootnote.17"), in points from the top left."""
    page: int  # 1-based
    target: str
    left: float
    top: float
    right: float
    bottom: float


def internal_links(reader: PdfReader) -> Iterator[Link]:
    """Each link of the PDF to a named place in it, page by page."""
    for number, page in enumerate(reader.pages, start=1):
        height = float(page.mediabox.height)
        for annotation in page.get("/Annots", []):
            link = annotation.get_object()
            target = str(link.get("/A", {}).get("/D", ""))
            if target:
                left, bottom, right, top = (float(value) for value in link["/Rect"])
                yield Link(number, target, left, height - top, right, height - bottom)


@dataclass(frozen=True)
class Fill:
    """A filled shape: a box's ground, frame or title bar."""
    left: float
    top: float
    right: float
    bottom: float
    colour: tuple[int, int, int]


@read_once
def page_fills(pdf: Path) -> tuple[tuple[Fill, ...], ...]:
    """Each page's filled shapes at least 300 pt wide (the boxes, not lines or rules of
    tables), in points from the top left, with their fill colour. pypdfium2 reads the
    1,300 pages' shapes in about a second (pdfplumber took a minute)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium

    document = pypdfium2.PdfDocument(str(pdf))
    pages = []
    for page in document:
        height, fills = page.get_height(), []
        for shape in page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_PATH], max_depth=2):
            left, bottom, right, top = shape.get_bounds()
            if right - left >= 300:
                rgba = [ctypes.c_uint() for _ in range(4)]
                pdfium.FPDFPageObj_GetFillColor(shape.raw, *rgba)
                fills.append(Fill(left, height - top, right, height - bottom,
                                  tuple(channel.value for channel in rgba[:3])))
        pages.append(tuple(fills))
    document.close()
    return tuple(pages)


def footnote_labels(pdf: Path) -> list[list[int]]:
    """The numbers of each page's footnotes, as printed, in the order printed: a number in
    the small type of a footnote mark that starts its line (a mark in the text has words
    before it on its line; a figure's labels are in larger type)."""
    labels = []
    for page in page_words(pdf):
        words = [(word.left, (word.top + word.bottom) / 2, word.bottom - word.top, word.text)
                 for word in page]
        labels.append([int(word) for x, middle, height, word in words
                       if word.isdigit() and height < 6.5
                       and not any(other_x < x and abs(other_middle - middle) < 5
                                   for other_x, other_middle, _h, _w in words)])
    return labels
