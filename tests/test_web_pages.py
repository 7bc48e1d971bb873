"""The HTML edition as search engines, link previews and validators read it: a meta
description per page (a chapter's from its opening paragraph), OpenGraph tags, canonical
links, a sitemap of every page, robots.txt, a 404 page, no template files, and markup
the W3C Nu HTML Checker accepts.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import site_path
from bs4 import BeautifulSoup
from conftest import REPO

NU_CHECKER = REPO / "tools" / "nu-checker" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHAPTER = "buildings/high-efficiency-heat-pumps.html"


def pages(html: Path) -> list[str]:
    return sorted(str(p.relative_to(html)) for p in html.rglob("*.html")
                  if not str(p.relative_to(html)).startswith("_static"))


def soup(html: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((html / page).read_text(encoding="utf-8"), "html.parser")


def meta(page: BeautifulSoup, **attributes) -> str | None:
    tag = page.find("meta", attrs=attributes)
    return tag["content"] if tag else None


def base_url(html: Path) -> str:
    return soup(html, "index.html").find("link", rel="canonical")["href"].removesuffix("index.html")


@pytest.mark.book
def test_chapter_description_is_its_opening_paragraph(html_edition):
    page = soup(html_edition, CHAPTER)
    opening = " ".join(page.select_one("main section > p").get_text().split())
    description = meta(page, name="description")
    assert description.endswith("…") and len(description) <= 200
    assert opening.startswith(description.removesuffix("…"))
    assert meta(page, property="og:description") == description
    assert meta(page, property="og:type") == "article"
    assert meta(page, property="og:title") == "High-Efficiency Heat Pumps"


@pytest.mark.book
def test_every_page_has_description_canonical_link_and_preview(html_edition):
    base = base_url(html_edition)
    missing = []
    for name in pages(html_edition):
        if name in ("search.html", "genindex.html", "404.html"):
            continue
        page = soup(html_edition, name)
        canonical = page.find("link", rel="canonical")
        if not canonical or canonical["href"] != base + name:
            missing.append(f"{name}: canonical {canonical and canonical['href']}")
        if not meta(page, name="description"):
            missing.append(f"{name}: no description")
        if meta(page, property="og:image") != base + "_static/social-card.png":
            missing.append(f"{name}: og:image {meta(page, property='og:image')}")
    assert missing == []
    assert (html_edition / "_static" / "social-card.png").stat().st_size > 10_000


@pytest.mark.book
def test_sitemap_lists_every_page_and_robots_names_it(html_edition):
    base = base_url(html_edition)
    tree = ET.parse(html_edition / "sitemap.xml")
    listed = [loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    expected = {base + name for name in pages(html_edition) if name not in ("search.html", "404.html")}
    assert set(listed) == expected and len(listed) == len(expected)
    robots = (html_edition / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots.splitlines()


@pytest.mark.book
def test_404_page_links_work_from_any_depth(html_edition):
    path = site_path(html_edition)
    page = soup(html_edition, "404.html")
    assert "Page not found" in page.get_text()
    addresses = ([a["href"] for a in page.select("a[href]") if not a["href"].startswith(("#", "http"))]
                 + [link["href"] for link in page.select("link[href]") if "stylesheet" in link["rel"]]
                 + [script["src"] for script in page.select("script[src]")])
    assert len(addresses) > 10
    for address in addresses:
        assert address.startswith(path), address
        target = html_edition / urlsplit(address).path.removeprefix(path)
        assert target.is_file() or (target / "index.html").is_file(), address


@pytest.mark.book
def test_no_template_file_is_published(html_edition):
    """The themes keep Jinja macros in their static folders; none may be served."""
    templates = [str(p.relative_to(html_edition)) for p in html_edition.rglob("*.html")
                 if re.search(r"\{\{\s*\w+\(|\{%", p.read_text(encoding="utf-8"))]
    assert templates == []


@pytest.mark.book
def test_nu_html_checker_finds_no_error(html_edition):
    """The W3C Nu HTML Checker (vnu.jar from npm, installed by `make test`) on every page."""
    result = subprocess.run(["java", "-Xss4m", "-jar", str(NU_CHECKER), "--skip-non-html",
                             "--errors-only", "--format", "gnu", str(html_edition)],
                            capture_output=True, text=True, timeout=600)
    errors = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert errors == []
    assert result.returncode == 0


def test_a_chapter_cannot_set_its_link_preview(build_page):
    """Front-matter fields named og:… would become tags: a chapter could point every
    preview of it elsewhere. The book writes them, from the page."""
    app, warnings = build_page(
        "---\nog:image: https://example.org/x.png\nog:description: Not this\n---\n\n"
        "# A page\n\nIts first paragraph, which the description is.\n",
        extensions=["myst_parser", "sphinx_design", "handbook", "sphinxext.opengraph"],
        html_baseurl="https://books.example/handbook/", ogp_site_url="https://books.example/handbook/")
    page = soup(Path(app.outdir), "index.html")
    assert meta(page, property="og:description") == "Its first paragraph, which the description is."
    assert meta(page, name="description") == "Its first paragraph, which the description is."
    assert "example.org" not in str(page.head)
    assert warnings == ""


@pytest.mark.book
def test_pages_load_no_icon_script_and_search_code_only_on_the_search_page(html_edition):
    """Icons are inline SVG; the icon fonts are cut to the glyphs the style sheets use."""
    problems = []
    for name in pages(html_edition):
        text = (html_edition / name).read_text(encoding="utf-8")
        if "fontawesome.js" in text:
            problems.append(f"{name}: loads fontawesome.js")
        if re.search(r'<(i|span) class="[^"]*\bfa-(solid|regular|brands)\b', text):
            problems.append(f"{name}: an icon left for the script")
        if name != "search.html" and re.search(r'src="[^"]*(searchindex|searchtools)\.js', text):
            problems.append(f"{name}: loads the search code")
    assert problems == []
    fonts = list((html_edition / "_static" / "vendor" / "fontawesome" / "webfonts").glob("*.woff2"))
    assert fonts and all(font.stat().st_size < 10_000 for font in fonts)


@pytest.mark.book
def test_front_page_shows_every_part_with_its_chapters_and_drawdown_total(html_edition):
    """Expected values from the sources: each part's toctree and the data file."""
    from handbook.common.drawdown_data import load_solutions

    solutions = load_solutions(REPO / "data" / "drawdown-solutions.csv").values()
    index = (REPO / "book" / "index.md").read_text(encoding="utf-8")
    parts = re.findall(r"^([\w-]+)/index$", index, re.M)
    cards = soup(html_edition, "index.html").select("li.hb-part-card")
    assert len(cards) == len(parts) == 10
    for part, card in zip(parts, cards):
        source = (REPO / "book" / part / "index.md").read_text(encoding="utf-8")
        toctree = source.split("```{toctree}", 1)[1].split("```", 1)[0]
        chapters = [line for line in toctree.splitlines()[1:] if line.strip() and not line.startswith(":")]
        sector = re.search(r"^:sector: (.+)$", source, re.M).group(1)
        mine = [s for s in solutions if s.home_sector == sector]
        link = card.select_one(".hb-part-title a")
        assert link["href"] == f"{part}/index.html"
        figures = " ".join(card.select_one(".hb-part-figures").get_text().split())
        count = f"{len(chapters)} chapter{'s' if len(chapters) != 1 else ''}"
        assert figures.startswith(count + " · Drawdown: "), (part, figures)
        assert f"{sum(s.scenario_1 or 0 for s in mine):.1f} Gt CO2e (Scenario 1)" in figures
        assert f"{sum(s.scenario_2 or 0 for s in mine):.1f} Gt (Scenario 2)" in figures
    download = soup(html_edition, "index.html").select_one(".hb-downloads a")
    assert (html_edition / download["href"]).is_file()


@pytest.mark.book
def test_case_study_map_counts_each_countrys_case_studies(html_edition):
    """Expected counts from the published case-studies.json, not from the map's code."""
    import json
    from collections import Counter

    studies = json.loads((html_edition / "case-studies.json").read_text(encoding="utf-8"))
    expected = Counter(code for study in studies for code in {c["iso"] for c in study["countries"]})
    shown = {path["data-code"]: int(path["data-count"])
             for path in soup(html_edition, "case-studies.html").select(".hb-map svg path[data-code]")
             if path["data-code"]}
    assert len(shown) > 150  # every country has its outline
    on_map = {code: count for code, count in shown.items() if count}
    # Small island states have no outline at this scale: every country with an outline
    # shows its count, and those without one are few.
    assert on_map == {code: n for code, n in expected.items() if code in shown}
    assert len(set(expected) - set(shown)) <= 5, sorted(set(expected) - set(shown))
