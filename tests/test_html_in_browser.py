"""The HTML edition as a reader meets it: every page in a real browser (Debian's chromium).

Serves the book built by `make book` on a loopback port and checks each page for
console errors, failed requests, broken internal links and images, phone-width
overflow, accessibility (axe-core), and the download link, panels and search.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import chromium, serve

pytestmark = pytest.mark.book

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "_build" / "screenshots"
CHAPTER = "buildings/high-efficiency-heat-pumps.html"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def site(book):
    build_dir, _ = book
    html = build_dir / "html"
    with serve(html) as base_url, chromium() as browser:
        yield html, base_url, browser


def book_pages(html: Path) -> list[str]:
    return sorted(str(p.relative_to(html)) for p in html.rglob("*.html")
                  if not str(p.relative_to(html)).startswith("_"))


def chapter_pages(html: Path) -> list[str]:
    """The solution chapters: pages in a part's folder, but not the part's own page."""
    return [page for page in book_pages(html)
            if "/" in page and not page.endswith("index.html")]


class PageVisit:
    """Open one page and record what went wrong while it loaded."""

    def __init__(self, browser, url: str, **context_options):
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.requested: list[str] = []
        self.page.on("request", lambda r: self.requested.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} {r.status}"))
        self.page.goto(url, wait_until="networkidle")

    def close(self) -> None:
        self.context.close()


def internal_targets(page, base_url: str) -> set[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    return {href.split("#")[0] for href in hrefs if href.startswith(base_url)}


def test_every_page_loads_cleanly_with_working_links_and_images(site):
    html, base_url, browser = site
    problems = []
    for name in book_pages(html):
        visit = PageVisit(browser, urljoin(base_url, name))
        page = visit.page
        problems += [f"{name}: console: {e}" for e in visit.console_errors]
        problems += [f"{name}: request failed: {f}" for f in visit.failed]
        for target in internal_targets(page, base_url):
            path = html / urlsplit(target).path.lstrip("/")
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                problems.append(f"{name}: broken link to {target}")
        broken_images = page.eval_on_selector_all(
            "img", "els => els.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
        problems += [f"{name}: broken image {src}" for src in broken_images]
        visit.close()
    assert problems == []


def test_no_page_requests_another_host(site):
    """The edition loads nothing from elsewhere: no CDN, no fonts, no MathJax."""
    html, base_url, browser = site
    ours = urlsplit(base_url).netloc
    elsewhere = []
    for name in book_pages(html):
        visit = PageVisit(browser, urljoin(base_url, name))
        elsewhere += [f"{name}: {url}" for url in visit.requested
                      if urlsplit(url).scheme not in ("data", "blob")
                      and urlsplit(url).netloc != ours]
        visit.close()
    assert elsewhere == []


def test_equations_render_as_mathml_without_a_script(site):
    html, base_url, browser = site
    visit = PageVisit(browser, urljoin(base_url, CHAPTER))
    page = visit.page
    block = page.locator("div.math math[display=block]").first
    box = block.bounding_box()
    # Rendered by the browser: a real fraction, taller than a line of text.
    assert box and box["height"] > 30 and box["width"] > 50
    assert block.locator("mfrac").count() == 1
    assert page.locator("div.math .eqno").first.inner_text().startswith("(1)")
    assert page.locator("p math").count() >= 2  # inline symbols in the text
    assert not [url for url in visit.requested if "mathjax" in url.lower()]
    visit.close()


def test_download_pdf_link_on_every_page_fetches_the_pdf(site):
    html, base_url, browser = site
    context = browser.new_context()
    page = context.new_page()
    for name in book_pages(html):
        page.goto(urljoin(base_url, name))
        link = page.locator("a.hb-download-pdf")
        assert link.count() == 1, name
        response = context.request.get(urljoin(page.url, link.get_attribute("href")))
        assert response.ok, name
        assert response.body()[:5] == b"%PDF-", name
    context.close()


def test_panels_and_case_studies_are_visible_with_links(site):
    html, base_url, browser = site
    for name in chapter_pages(html):
        visit = PageVisit(browser, urljoin(base_url, name), viewport=DESKTOP)
        page = visit.page
        panel = page.locator(".hb-company-panel")
        assert panel.is_visible(), name
        for link in panel.locator("li.hb-company strong a").all():
            assert link.is_visible() and link.get_attribute("href").startswith("http"), name
        studies = page.locator(".hb-case-study")
        assert studies.count() >= 3, name
        for study in studies.all():
            study.scroll_into_view_if_needed()
            assert study.is_visible() and study.locator(".hb-url a").is_visible(), name
        visit.close()


def test_no_horizontal_scrolling_at_phone_width(site):
    html, base_url, browser = site
    too_wide = []
    for name in book_pages(html):
        visit = PageVisit(browser, urljoin(base_url, name), viewport=PHONE)
        overflow = visit.page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            too_wide.append(f"{name}: {overflow}px")
        visit.close()
    assert too_wide == []


def serious_violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def test_accessibility_has_no_serious_violations(site):
    html, base_url, browser = site
    found = []
    for name in book_pages(html):
        visit = PageVisit(browser, urljoin(base_url, name), viewport=DESKTOP)
        found += [f"{name}: {v}" for v in serious_violations(visit.page)]
        visit.close()
    assert found == []


def test_dark_mode_keeps_panels_readable(site):
    html, base_url, browser = site
    found = []
    for name in chapter_pages(html):
        visit = PageVisit(browser, urljoin(base_url, name), viewport=DESKTOP, color_scheme="dark")
        assert visit.page.evaluate("document.documentElement.dataset.theme") == "dark"
        results = Axe().run(visit.page, context=".hb-panel",
                            options={"runOnly": ["color-contrast"]})
        found += [f"{name}: {v['id']}: {[n['target'] for n in v['nodes']][:3]}"
                  for v in results.response["violations"]]
        visit.close()
    assert found == []


def test_chapter_list_and_contents_open_on_a_phone(site):
    _, base_url, browser = site
    visit = PageVisit(browser, urljoin(base_url, CHAPTER), viewport=PHONE)
    page = visit.page
    chapters = page.locator(".bd-sidebar-primary")
    contents = page.locator(".bd-sidebar-secondary")
    assert not chapters.is_visible() and not contents.is_visible()
    # No second header with hidden copies of the buttons (nor an empty bar).
    assert page.locator("#pst-header button").count() == 0
    assert not page.locator("#pst-header").is_visible()
    page.locator(".bd-header-article button.primary-toggle").click()
    chapters.get_by_role("link", name="District Heating").click()
    page.wait_for_url("**/buildings/district-heating.html")
    # The contents drawer, from the keyboard.
    page.locator(".bd-header-article button.secondary-toggle").focus()
    page.keyboard.press("Enter")
    contents.get_by_role("link", name="Lessons Learned").click()
    page.wait_for_url("**/district-heating.html#lessons-learned")
    visit.close()


def test_chapter_list_folds_away_on_a_desktop(site):
    _, base_url, browser = site
    visit = PageVisit(browser, urljoin(base_url, CHAPTER), viewport=DESKTOP)
    page = visit.page
    chapters = page.locator(".bd-sidebar-primary")
    assert chapters.is_visible() and page.locator(".bd-sidebar-secondary").is_visible()
    toggle = page.locator(".bd-header-article button.primary-toggle")
    toggle.click()
    page.wait_for_function("document.querySelector('.bd-sidebar-primary')"
                           ".getBoundingClientRect().right <= 0")
    toggle.click()
    chapters.get_by_role("link", name="Insulation").click()
    page.wait_for_url("**/buildings/insulation.html")
    visible_search = [box for box in page.locator(".search-button-field").all() if box.is_visible()]
    assert len(visible_search) == 1
    visit.close()


def test_search_for_heat_pump_lists_the_heat_pump_chapter_first(site):
    html, base_url, browser = site
    visit = PageVisit(browser, urljoin(base_url, "search.html?q=heat+pump"))
    first = visit.page.locator("#search-results ul.search li a").first
    first.wait_for(timeout=15000)
    assert first.get_attribute("href").split("?")[0].split("#")[0].endswith(CHAPTER)
    visit.close()


def test_screenshots_of_front_page_and_a_chapter(site):
    html, base_url, browser = site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        for name, page_name in (("front", "index.html"), ("chapter", CHAPTER)):
            visit = PageVisit(browser, urljoin(base_url, page_name), viewport=viewport)
            path = SCREENSHOTS / f"{name}-{label}.png"
            visit.page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000
            visit.close()
