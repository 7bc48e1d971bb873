"""The real book, built as `make book` builds it, read back as a reader meets it.

The expected companies and case studies are read from the owner's model page, so the
chapter is checked against its source, not against a list copied into the test.
"""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import EXAMPLE_COURSE, REPO, UPSTREAM, needs_upstream, run_make
from handbook.common.characters import typographic_apostrophes
from handbook.common.citation_file import read_citation
from pdf_pages import page_texts
from pypdf import PdfReader

MODEL_PAGE = UPSTREAM / "solution-high-efficiency-heat-pumps.md"
NAME = "climate-solutions-handbook"
CHAPTER = "buildings/high-efficiency-heat-pumps"

pytestmark = pytest.mark.book


def model_companies() -> dict[str, str]:
    """Company name -> URL, from the ':::company' block of the model page."""
    block = re.search(r"^:::company.*?^:::$", MODEL_PAGE.read_text(), re.S | re.M).group(0)
    return dict(re.findall(r"^- \[(.+?)\]\((https?://[^)]+)\) - ", block, re.M))


def chapter_case_studies() -> list[tuple[str, str, str]]:
    """(title, region, link) of every case study of the model chapter, in order."""
    text = (REPO / "book" / f"{CHAPTER}.md").read_text(encoding="utf-8")
    return [(title.strip(), re.search(r"^:region: (.+)$", options, re.M).group(1),
             re.search(r"^:link: (.+)$", options, re.M).group(1))
            for title, options in re.findall(r"^:::\{case-study\} (.+)\n((?::\w+:.*\n)+)", text, re.M)]


@pytest.fixture(scope="module")
def chapter_html(book) -> BeautifulSoup:
    build_dir, _ = book
    return BeautifulSoup((build_dir / "html" / f"{CHAPTER}.html").read_text(), "html.parser")


@pytest.fixture(scope="module")
def pdf_text(book) -> str:
    build_dir, _ = book
    return re.sub(r"\s+", " ", "\f".join(page_texts(build_dir / "pdf" / f"{NAME}.pdf")))


@needs_upstream
def test_model_page_is_what_the_owner_described():
    assert len(model_companies()) == 5


def test_both_editions_build_without_warnings(book):
    build_dir, output = book
    assert "WARNING" not in output and "ERROR" not in output
    assert (build_dir / "html" / "index.html").is_file()
    assert (build_dir / "pdf" / f"{NAME}.pdf").is_file()


@needs_upstream
def test_html_chapter_has_every_company_with_its_link(chapter_html):
    panel = chapter_html.select_one("div.hb-company-panel")
    links = {a.get_text(): a["href"] for a in panel.select("li.hb-company strong a")}
    assert links == model_companies()
    jobs = panel.select_one(".hb-jobs a")["href"]
    assert jobs.startswith("https://climatebase.org/jobs?")


def test_html_chapter_has_every_case_study_with_its_link(chapter_html):
    cards = chapter_html.select("div.hb-case-study")
    # Typographic apostrophes in the page (smart quotes) for the source's straight ones.
    found = [(card.select_one(".hb-case-title").get_text(strip=True).replace("\u2019", "'"),
              card.select_one(".hb-case-meta em").get_text(),
              card.select_one(".hb-url a")["href"]) for card in cards]
    assert found == chapter_case_studies() and len(found) >= 3


@needs_upstream
def test_html_chapter_keeps_every_section_of_the_model_page(chapter_html):
    headings = [h.get_text().rstrip("#¶").strip() for h in chapter_html.select("h1, h2, h3")]
    expected = re.findall(r"^#{2,3} (.+)$", MODEL_PAGE.read_text(), re.M)
    expected = [h for h in expected if not h.startswith("[")]  # the jobs link is in the panel
    assert [h for h in headings if h in expected] == expected


def test_the_model_chapter_is_deep_and_sourced(chapter_html):
    """Issue 13: at least 2,400 words of article text, three case studies that each cite
    a source, and six cited sources."""
    article = []
    for section in chapter_html.select("section"):
        heading = section.find("h2", recursive=False)
        if heading and heading.get_text().rstrip("#¶").strip() not in ("For the classroom",
                                                                          "References"):
            article.append(section.get_text(" "))
    assert len(" ".join(article).split()) >= 2400
    cards = chapter_html.select("div.hb-case-study")
    assert len(cards) >= 3 and all(card.select("a.footnote-reference") for card in cards)
    sources = chapter_html.select("section#references aside.footnote")
    assert len(sources) >= 6


def test_html_chapter_has_the_figure_and_at_a_glance_box(chapter_html):
    figure = chapter_html.select_one("figure#fig-heat-pump-cycle")
    assert figure.img["src"].endswith("heat-pump-cycle.svg")
    assert "Diagram: Climate Solutions Handbook" in figure.figcaption.get_text()
    glance = chapter_html.select_one("div.hb-glance")
    assert "4.04 Gt CO2e" in glance.get_text() and "9.05 Gt CO2e" in glance.get_text()
    assert [sub.get_text() for sub in glance.select("dd .hb-formula sub")] == ["2", "2"]


@needs_upstream
def test_pdf_has_every_company_and_case_study(pdf_text):
    for name, url in model_companies().items():
        assert name in pdf_text
        assert url in pdf_text  # printed, for readers of the paper edition
    for title, region, _ in chapter_case_studies():
        assert f"{title} {region} ·" in pdf_text.replace("\u2019", "'")


@needs_upstream
def test_pdf_links_are_clickable(book):
    build_dir, _ = book
    reader = PdfReader(build_dir / "pdf" / f"{NAME}.pdf")
    uris = {annot.get_object()["/A"].get("/URI")
            for page in reader.pages for annot in page.get("/Annots", [])
            if annot.get_object().get("/A", {}).get("/URI")}
    for url in model_companies().values():
        assert url in uris
    assert {url for _, _, url in chapter_case_studies()} <= uris


def test_pdf_outline_metadata_and_paper(book):
    build_dir, _ = book
    reader = PdfReader(build_dir / "pdf" / f"{NAME}.pdf")
    meta = reader.metadata
    assert meta.title == "Climate Solutions Handbook"
    assert meta.author == "The Climate Solutions Handbook contributors"
    assert meta.subject
    version = read_citation(REPO / "CITATION.cff").version
    assert meta["/Version"] == version
    assert meta["/License"] == "CC BY 4.0 (text and figures), MIT (code)"
    outline = flatten_outline(reader.outline)
    assert (0, "How to use this book") in outline
    assert (0, "Glossary") in outline  # back matter at the root, not under the last part
    part = outline.index((0, "I Buildings"))
    assert outline[part + 1] == (1, "High-Efficiency Heat Pumps")
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842)  # A4


def flatten_outline(items, depth=0) -> list[tuple[int, str]]:
    """(depth, title) of every bookmark, in order."""
    flat = []
    for item in items:
        if isinstance(item, list):
            flat += flatten_outline(item, depth + 1)
        else:
            flat.append((depth, item.title))
    return flat


def test_letter_paper_edition(book, course_pack, tmp_path):
    """On the example course pack: the same LaTeX set-up as the book's, a fraction of the
    pages. The paper is not part of what Sphinx reads, so the build starts from the
    session's A4 pack's read chapters (a copy), as a second `make course` would."""
    build_dir, _ = book
    doctrees = f"doctrees/latex-course-{EXAMPLE_COURSE}"
    shutil.copytree(build_dir / doctrees, tmp_path / doctrees)
    output = run_make(tmp_path, "course", COURSE=EXAMPLE_COURSE, PAPER="letter")
    assert "updating environment: 0 added, 0 changed, 0 removed" in output
    reader = PdfReader(tmp_path / "pdf" / "courses" / f"{EXAMPLE_COURSE}.pdf")
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == (612, 792)


def book_sources() -> list[str]:
    return [p.read_text() for p in sorted((REPO / "book").rglob("*.md"))]


def source_companies() -> set[str]:
    """Names in every company panel of book/, read straight from the sources."""
    import yaml

    names = set()
    for text in book_sources():
        for body in re.findall(r"^:::\{company-panel\}\n(?::\w+:[^\n]*\n)*\n?(.*?)^:::$", text, re.S | re.M):
            names |= {entry["name"] for entry in yaml.safe_load(body)}
    return names


def source_case_studies() -> list[str]:
    return [title for text in book_sources()
            for title in re.findall(r"^:::\{case-study\} (.+)$", text, re.M)]


def test_json_exports_cover_every_company_and_case_study_of_the_book(book):
    import json

    build_dir, _ = book
    companies = json.loads((build_dir / "html" / "companies.json").read_text())
    studies = json.loads((build_dir / "html" / "case-studies.json").read_text())
    assert {c["name"] for c in companies} == source_companies()
    assert all(c["url"].startswith("https://") and c["description"] and c["chapters"]
               for c in companies)
    assert sorted(s["title"] for s in studies) == sorted(source_case_studies())
    for study in studies:
        page, anchor = study["chapter"]["url"].split("#")
        html = (build_dir / "html" / page).read_text()
        assert f'id="{anchor}"' in html


def test_directory_and_index_are_in_both_editions(book, pdf_text):
    build_dir, _ = book
    soup = BeautifulSoup((build_dir / "html" / "companies.html").read_text(), "html.parser")
    # Names as the book sets them: with the text's apostrophe (typographic_apostrophes.py).
    printed = {typographic_apostrophes(name) for name in source_companies()}
    assert {dt.get_text() for dt in soup.select("dl.hb-directory > dt")} == printed
    assert "Company directory" in pdf_text and "Case-study index" in pdf_text
    for name in printed:
        assert re.search(re.escape(name) + r" .*?Appears in: .*?, p\. \d+", pdf_text)


def test_pdf_case_study_index_has_its_map(pdf_text):
    """The map is drawn for print as well: its legend and credit, and its caption."""
    assert "Outlines: Natural Earth (public domain). Equal Earth projection." in pdf_text
    assert "Case studies by country: a case study in several countries counts in each" in pdf_text
