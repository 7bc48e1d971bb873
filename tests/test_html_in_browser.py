"""The HTML edition as a reader meets it: every page in a real browser (Debian's chromium).

Serves the book built by `make book` on a loopback port and checks each page for
console errors, failed requests, broken internal links and images, phone-width
overflow, the download link, panels and search, and accessibility (axe-core) on a sample:
every page that is not a chapter, the first chapter of each part and the model chapter.
The chapters share one template and one set of directives, and axe costs three to five
seconds a chapter (in light and dark mode), which at 93 chapters would be six minutes of
the suite.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import DESKTOP, PHONE, chromium

pytestmark = pytest.mark.book

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "_build" / "screenshots"
CHAPTER = "buildings/high-efficiency-heat-pumps.html"


def book_pages(html: Path) -> list[str]:
    return sorted(str(p.relative_to(html)) for p in html.rglob("*.html")
                  if not str(p.relative_to(html)).startswith("_"))


def chapter_pages(html: Path) -> list[str]:
    """The solution chapters: pages in a part's folder, but not the part's own page."""
    return [page for page in book_pages(html)
            if "/" in page and not page.endswith("index.html")]


def audited_pages(html: Path) -> set[str]:
    """The pages axe-core checks: all but the chapters, the first chapter of each part, and
    the model chapter."""
    chapters = chapter_pages(html)
    by_part: dict[str, list[str]] = {}
    for page in chapters:
        by_part.setdefault(page.split("/")[0], []).append(page)
    sample = {min(pages) for pages in by_part.values()} | {CHAPTER}
    return (set(book_pages(html)) - set(chapters)) | sample


class PageVisit:
    """Open one page and record what went wrong while it loaded: in a browser context of
    its own (a first visit, nothing cached), or in *tab*, a page already open (a reader
    going on from another page of the book, with its style sheets and scripts cached)."""

    def __init__(self, browser, url: str, wait_until: str = "networkidle", tab=None,
                 **context_options):
        self.context = browser.new_context(**context_options) if tab is None else None
        self.page = self.context.new_page() if tab is None else tab
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.requested: list[str] = []
        # In a shared tab, the page before may still be fetching (Chromium asks for the
        # favicon after the load event); going on aborts that request. Only what this
        # page asked for counts: the requests from its own navigation on.
        self.own_requests: list = []
        self.listeners = {
            "request": self.record_request,
            "console": lambda m: m.type == "error" and self.console_errors.append(m.text),
            "pageerror": lambda e: self.console_errors.append(str(e)),
            "requestfailed": lambda r: r in self.own_requests and self.failed.append(
                f"{r.url} ({r.failure})"),
            "response": lambda r: r.status >= 400 and self.failed.append(f"{r.url} {r.status}"),
        }
        for event, listener in self.listeners.items():
            self.page.on(event, listener)
        self.page.goto(url, wait_until=wait_until)

    def record_request(self, request) -> None:
        if self.own_requests or request.is_navigation_request():
            self.own_requests.append(request)
            self.requested.append(request.url)

    def close(self) -> None:
        if self.context is None:  # the tab stays open for the next page
            for event, listener in self.listeners.items():
                self.page.remove_listener(event, listener)
        else:
            self.context.close()


def internal_targets(page, base_url: str) -> set[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    return {href.split("#")[0] for href in hrefs if href.startswith(base_url)}


def serious_violations(page, **options) -> list[str]:
    results = Axe().run(page, **options)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


@dataclass
class PageSurvey:
    """What a reader's browser met on one page, from one visit (at 93 chapters, a visit per
    check would take longer than the whole test suite may)."""

    console_errors: list[str]
    failed: list[str]
    requested: list[str]
    links: set[str]
    broken_images: list[str]
    pdf_links: list[str]
    accessibility: list[str] | None  # None: not one of the audited pages
    phone_overflow: int
    panel: dict | None  # chapters only: what the company panel and case studies show
    dark_contrast: list[str] | None


# Whether each company's link shows, and where it goes; whether each case study, and its
# link, shows: one call into the page for all of them.
COMPANY_LINKS_SHOWN = """() => [...document.querySelectorAll(
    '.hb-company-panel li.hb-company strong a')].map(link =>
    [link.checkVisibility({visibilityProperty: true}), link.getAttribute('href')])"""
CASE_STUDIES_SHOWN = """() => [...document.querySelectorAll('.hb-case-study')].map(study => {
    const link = study.querySelector('.hb-url a');
    return study.checkVisibility({visibilityProperty: true})
        && link !== null && link.checkVisibility({visibilityProperty: true});
})"""


def survey_page(browser, base_url: str, name: str, chapter: bool, audit: bool,
                reading=None) -> PageSurvey:
    # The audited pages (every kind of page, and a chapter of each part) are first
    # visits: nothing cached, seen at a desktop's width and then a phone's, once the network
    # has gone quiet (a late request that fails). The other chapters share their template
    # and style sheets: they are read once loaded, one after another in the *reading* tab
    # (with the style sheets and scripts cached, as a reader going from chapter to chapter
    # has them, a page loads in a third of the time), at a phone's width, the narrowest.
    if audit:
        visit = PageVisit(browser, urljoin(base_url, name), viewport=DESKTOP)
    else:
        visit = PageVisit(browser, urljoin(base_url, name), wait_until="load", tab=reading)
    page = visit.page
    # What loading the page did, before axe-core fetches style sheets of its own (it
    # resolves the theme's @import against the page, and asks for a /basic.css that
    # no reader's browser requests).
    console_errors, failed, requested = (list(visit.console_errors), list(visit.failed),
                                         list(visit.requested))
    broken_images = page.eval_on_selector_all(
        "img", "els => els.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
    pdf_links = [urljoin(page.url, a.get_attribute("href"))
                 for a in page.locator("a.hb-download-pdf").all()]
    accessibility = serious_violations(page) if audit else None
    panel = None
    if chapter:
        panel = {"visible": page.locator(".hb-company-panel").is_visible(),
                 "company_links": [tuple(link) for link in page.evaluate(COMPANY_LINKS_SHOWN)],
                 "case_studies": page.evaluate(CASE_STUDIES_SHOWN)}
    if audit:
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(50)  # one layout at the new width
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    dark = None
    if chapter and audit:
        page.set_viewport_size(DESKTOP)
        page.emulate_media(color_scheme="dark")  # the book follows the reader's system
        page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
        results = Axe().run(page, context=".hb-panel", options={"runOnly": ["color-contrast"]})
        dark = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
                for v in results.response["violations"]]
    result = PageSurvey(console_errors, failed, requested,
                        internal_targets(page, base_url), broken_images, pdf_links,
                        accessibility, overflow, panel, dark)
    visit.close()
    return result


# Pages surveyed at once, each worker with a browser of its own (Playwright's sync API
# belongs to one thread): a page spends most of its visit waiting (the network going
# quiet, axe), so three share two cores well.
SURVEY_WORKERS = 3


def survey_pages(base_url: str, names: list[str], chapters: set[str],
                 audited: set[str]) -> dict[str, PageSurvey]:
    with chromium() as browser:
        reading = browser.new_context(viewport=PHONE).new_page()
        return {name: survey_page(browser, base_url, name, name in chapters, name in audited,
                                  reading) for name in names}


@pytest.fixture(scope="module")
def survey(site) -> dict[str, PageSurvey]:
    html, base_url, _ = site
    chapters, pages, audited = set(chapter_pages(html)), book_pages(html), audited_pages(html)
    with ThreadPoolExecutor(SURVEY_WORKERS) as pool:
        shares = pool.map(lambda worker: survey_pages(base_url, pages[worker::SURVEY_WORKERS],
                                                      chapters, audited), range(SURVEY_WORKERS))
        surveyed = {name: seen for share in shares for name, seen in share.items()}
    return {name: surveyed[name] for name in pages}


def test_every_page_loads_cleanly_with_working_links_and_images(site, survey):
    html, base_url, _ = site
    site_path = urlsplit(base_url).path
    problems = []
    for name, seen in survey.items():
        problems += [f"{name}: console: {e}" for e in seen.console_errors]
        problems += [f"{name}: request failed: {f}" for f in seen.failed]
        for target in seen.links:
            path = html / urlsplit(target).path.removeprefix(site_path)
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                problems.append(f"{name}: broken link to {target}")
        problems += [f"{name}: broken image {src}" for src in seen.broken_images]
    assert len(survey) > 20
    assert problems == []


def test_no_page_requests_another_host(site, survey):
    """The edition loads nothing from elsewhere: no CDN, no fonts, no MathJax."""
    _, base_url, _ = site
    ours = urlsplit(base_url).netloc
    elsewhere = [f"{name}: {url}" for name, seen in survey.items() for url in seen.requested
                 if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != ours]
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


def test_download_pdf_link_on_every_page_fetches_the_pdf(site, survey):
    _, _, browser = site
    context = browser.new_context()
    for name, seen in survey.items():
        assert len(seen.pdf_links) == 1, name
    for url in {link for seen in survey.values() for link in seen.pdf_links}:
        response = context.request.get(url)
        assert response.ok, url
        assert response.body()[:5] == b"%PDF-", url
    context.close()


def test_panels_and_case_studies_are_visible_with_links(site, survey):
    html, _, _ = site
    chapters = chapter_pages(html)
    assert len(chapters) >= 16
    for name in chapters:
        panel = survey[name].panel
        assert panel["visible"], name
        assert panel["company_links"], name
        for visible, href in panel["company_links"]:
            assert visible and href.startswith("http"), name
        assert len(panel["case_studies"]) >= 3 and all(panel["case_studies"]), name


def test_no_horizontal_scrolling_at_phone_width(survey):
    too_wide = [f"{name}: {seen.phone_overflow}px" for name, seen in survey.items()
                if seen.phone_overflow > 0]
    assert too_wide == []


def test_accessibility_has_no_serious_violations(site, survey):
    html, _, _ = site
    audited = [name for name, seen in survey.items() if seen.accessibility is not None]
    assert sorted(audited) == sorted(audited_pages(html))
    found = [f"{name}: {v}" for name in audited for v in survey[name].accessibility]
    assert found == []


def test_dark_mode_keeps_panels_readable(site, survey):
    html, _, _ = site
    sample = [name for name in chapter_pages(html) if name in audited_pages(html)]
    parts = {name.split("/")[0] for name in chapter_pages(html)}
    assert {name.split("/")[0] for name in sample} == parts  # every part is in the sample
    found = [f"{name}: {v}" for name in sample for v in survey[name].dark_contrast]
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


def test_colour_mode_menu_and_tooltips_work_by_mouse_and_keyboard(site):
    """The theme's buttons (Bootstrap's markup, driven by _static/theme-controls.js): a
    tooltip under a button after a pause, the menu under its button, and the keys a
    reader expects of a menu."""
    _, base_url, browser = site
    visit = PageVisit(browser, urljoin(base_url, CHAPTER), viewport=DESKTOP, color_scheme="light")
    page = visit.page
    holder = page.locator(".bd-header-article .theme-switch-container")
    toggle = holder.locator(".theme-switch-button")
    menu = holder.locator(".dropdown-menu")
    theme = "document.documentElement.dataset.theme"

    holder.hover()
    tip = page.locator(".tooltip.show")
    tip.wait_for()
    assert tip.inner_text() == "Color mode"
    assert holder.get_attribute("aria-describedby") == tip.get_attribute("id")
    assert tip.bounding_box()["y"] >= holder.bounding_box()["y"] + holder.bounding_box()["height"]
    page.mouse.move(10, 800)
    tip.wait_for(state="detached")

    toggle.click()
    assert menu.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    box, button = menu.bounding_box(), holder.bounding_box()
    assert box["y"] >= button["y"] + button["height"]
    assert abs((box["x"] + box["width"]) - (button["x"] + button["width"])) < 1  # its end
    assert page.locator(".tooltip").count() == 0  # the menu hides its button's tooltip
    menu.get_by_role("button", name="Dark").click()
    assert page.evaluate(theme) == "dark" and toggle.get_attribute("aria-expanded") == "false"
    page.mouse.move(400, 600)  # (the theme's style sheet shows the menu under the mouse)
    assert not menu.is_visible()

    focused = "document.activeElement.dataset.mode || document.activeElement.className"
    toggle.focus()
    page.keyboard.press("Enter")
    assert menu.is_visible() and page.evaluate(focused) == "auto"  # its first choice
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.evaluate(theme) == "light" and not menu.is_visible()
    assert page.evaluate("localStorage.getItem('mode')") == "light"
    assert "theme-switch-button" in page.evaluate(focused)  # back on its button
    page.keyboard.press("ArrowUp")
    assert menu.is_visible() and page.evaluate(focused) == "dark"  # its last choice
    page.keyboard.press("Escape")
    assert not menu.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    page.mouse.click(400, 600)  # anywhere else
    assert not menu.is_visible()
    assert visit.console_errors == []
    visit.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_page_is_in_the_readers_colours_before_any_script_runs(site, scheme):
    """The first paint comes before the theme's scripts; it must already be light or dark
    as the reader's system asks, not the theme's colourless "auto"."""
    _, base_url, browser = site
    looks = "[document.documentElement.dataset.theme, getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('article a')).color]"
    seen = []
    for scripts in (False, True):
        context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
        page = context.new_page()
        if not scripts:
            page.route("**/*.js*", lambda route: route.abort())
        page.goto(urljoin(base_url, CHAPTER), wait_until="load")
        seen.append(page.evaluate(looks))
        context.close()
    assert seen[0][0] == scheme
    assert seen[0] == seen[1]  # what the scripts leave is what was painted first


def test_back_to_top_shows_on_a_phone_when_the_reader_scrolls_up(site):
    """(On a desktop the theme hides it: the chapter list and contents stay in view.)"""
    _, base_url, browser = site
    visit = PageVisit(browser, urljoin(base_url, CHAPTER), viewport=PHONE)
    page = visit.page
    button = page.locator("#pst-back-to-top")
    page.mouse.move(180, 400)
    page.mouse.wheel(0, 3000)
    page.wait_for_function("window.scrollY > 2000")
    assert not button.is_visible()
    page.mouse.wheel(0, -300)
    button.wait_for(state="visible")
    button.click()
    page.wait_for_function("window.scrollY === 0")
    visit.close()


def test_pictures_keep_their_room_before_they_load(site):
    """A figure's height is known before its file arrives (web/image_sizes.py): the text
    below it does not jump down when it loads, at a phone's width or a desktop's."""
    html, base_url, browser = site
    chapters = sorted({page for page in chapter_pages(html)
                       if "_images/" in (html / page).read_text(encoding="utf-8")})[:5]
    assert CHAPTER in chapters or len(chapters) == 5
    measure = "els => els.map(e => Math.round(e.getBoundingClientRect().height))"
    for viewport in (PHONE, DESKTOP):
        for name in chapters:
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            waiting = []  # the pictures' requests, held until the page has been measured
            page.route("**/_images/**", lambda route: waiting.append(route))
            page.goto(urljoin(base_url, name), wait_until="domcontentloaded")
            for _ in range(250):  # at most five seconds
                if waiting:
                    break
                page.wait_for_timeout(20)
            assert waiting, name
            before = page.eval_on_selector_all("article img", measure)
            for request in waiting:
                request.continue_()
            page.wait_for_load_state("load")
            after = page.eval_on_selector_all("article img", measure)
            context.close()
            assert after and min(after) > 50, name
            assert before == after, f"{name} at {viewport['width']} px"


SEARCHES = [  # a query, the page a reader expects first
    ("heat pump", CHAPTER),
    ("refrigerant leak", "buildings/refrigerant-management.html"),
    ("district heating", "buildings/district-heating.html"),
    ("COP", None),  # the heat pump's coefficient of performance, never "Copenhagen"
]


@pytest.mark.parametrize("query, first", SEARCHES, ids=[query for query, _ in SEARCHES])
def test_search_page_shows_the_right_chapter_first_with_its_own_text(site, query, first):
    """Snippets come from the chapter's text, never the theme's buttons and menus."""
    _, base_url, browser = site
    visit = PageVisit(browser, urljoin(base_url, "search.html?q=" + query.replace(" ", "+")))
    results = visit.page.locator(".pagefind-ui__result")
    results.first.wait_for(timeout=15000)
    if first:
        link = results.first.locator(".pagefind-ui__result-link").first.get_attribute("href")
        assert link.endswith(first), link
    excerpts = [text for text in results.locator(".pagefind-ui__result-excerpt").all_inner_texts()]
    assert excerpts and not any(re.search(r"Light|Dark|Ctrl|Contents\b|Skip to", e) for e in excerpts)
    if query == "COP":
        assert all(re.search(r"\bCOP", e) for e in excerpts[:3]), excerpts[:3]
        assert not any("Copenhagen" in e and not re.search(r"\bCOP\b", e) for e in excerpts)
    visit.close()


def test_ctrl_k_shows_results_as_the_reader_types(site):
    _, base_url, browser = site
    visit = PageVisit(browser, urljoin(base_url, CHAPTER), viewport=DESKTOP)
    page = visit.page
    page.keyboard.press("Control+k")
    dialog = page.locator("#pst-search-dialog")
    dialog.locator("input").first.wait_for()
    # Typed at once, as a reader would, while the dialog may still be loading Pagefind.
    page.keyboard.type("insulation")
    first = dialog.locator(".pagefind-ui__result-link").first
    first.wait_for(timeout=15000)
    assert dialog.locator(".pagefind-ui__search-input").input_value() == "insulation"
    assert first.inner_text() == "Insulation"
    first.click()
    page.wait_for_load_state()
    assert page.url.split("#")[0] == urljoin(base_url, "buildings/insulation.html")
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


def test_company_panel_and_case_study_show_their_tint_in_light_and_dark_mode(site):
    """The card's body is transparent, so the panel's tint shows, unlike the page's own
    background (the book theme paints card bodies in the page colour)."""
    _, base_url, browser = site
    for scheme in ("light", "dark"):
        visit = PageVisit(browser, urljoin(base_url, CHAPTER), viewport=DESKTOP)
        page = visit.page
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function(f"document.documentElement.dataset.theme === '{scheme}'")
        for selector in (".hb-company-panel", ".hb-case-study"):
            card, body, background = page.evaluate(
                """selector => {
                    const card = document.querySelector(selector);
                    const style = element => getComputedStyle(element).backgroundColor;
                    return [style(card), style(card.querySelector('.sd-card-body')),
                            style(document.body)];
                }""", selector)
            assert body == "rgba(0, 0, 0, 0)", (scheme, selector, body)
            assert card not in (background, "rgba(0, 0, 0, 0)"), (scheme, selector, card)
        visit.close()


def test_a_missing_address_at_any_depth_shows_the_404_page_with_working_links(site):
    """As the host serves it: the 404 page for any address that is not a file."""
    _, base_url, browser = site
    missing = urljoin(base_url, "land-sinks/no/such/chapter.html")
    visit = PageVisit(browser, missing, viewport=DESKTOP)
    page = visit.page
    assert visit.failed == [f"{missing} 404"]  # the page itself; its styles and scripts load
    assert page.get_by_role("heading", name="Page not found").is_visible()
    assert page.locator(".bd-sidebar-primary").is_visible()  # styled: the chapter list shows
    page.locator(".bd-sidebar-primary").get_by_role("link", name="Solutions at a glance").click()
    page.wait_for_load_state()
    assert page.url == urljoin(base_url, "solutions-at-a-glance.html")
    page.go_back()
    page.locator("article").get_by_role("link", name="contents").click()
    page.wait_for_load_state()
    assert page.url == urljoin(base_url, "index.html")
    visit.close()


def test_a_chapter_page_is_light(site):
    """At most 800 KB in 16 requests (uncompressed, as served), and nothing in <head> that
    holds up the first paint but the style sheets (one file, web/asset_bundles.py) and
    inline scripts: the theme's mode script, and Sphinx's tiny settings script, written
    into the page, that the inline scripts after it fill in."""
    _, base_url, browser = site
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda request: sizes.__setitem__(
        request.url, len(request.response().body())))
    page.goto(urljoin(base_url, CHAPTER), wait_until="networkidle")
    assert len(sizes) <= 16, sorted(sizes)
    assert sum(sizes.values()) <= 800_000, sorted(sizes.items(), key=lambda item: -item[1])[:5]
    blocking = page.eval_on_selector_all(
        "head script[src]:not([defer]):not([async])", "els => els.map(e => e.src)")
    assert blocking == []
    assert page.eval_on_selector_all('head link[rel="stylesheet"]', "els => els.length") == 1
    assert page.evaluate("DOCUMENTATION_OPTIONS.pagename") == CHAPTER.removesuffix(".html")
    context.close()


GLANCE = "solutions-at-a-glance.html"


def test_solutions_table_on_a_phone_shows_every_figure_with_its_label(site):
    """At 375 px each solution is a card: every figure on screen, beside its column's name."""
    _, base_url, browser = site
    visit = PageVisit(browser, urljoin(base_url, GLANCE), viewport=PHONE)
    rows = visit.page.locator("table.hb-drawdown-table tbody tr")
    assert rows.count() == 93
    for index in (0, 46, 92):
        row = rows.nth(index)
        row.scroll_into_view_if_needed()
        last = row.locator("td").last
        box = last.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (index, box)
        label = last.evaluate("cell => getComputedStyle(cell, '::before').content")
        assert label.startswith('"Scenario 2'), label
    visit.close()


def test_solutions_table_on_a_desktop_is_full_width_with_its_heading_in_view(site):
    _, base_url, browser = site
    visit = PageVisit(browser, urljoin(base_url, GLANCE), viewport=DESKTOP)
    page = visit.page
    assert page.locator(".bd-sidebar-secondary").count() == 0  # one section: no contents column
    assert page.locator("button.secondary-toggle").count() == 0
    table = page.locator("table.hb-drawdown-table")
    assert table.bounding_box()["width"] > 900
    rows = table.locator("tbody tr")
    rows.nth(60).scroll_into_view_if_needed()
    heading = table.locator("thead th").first.bounding_box()
    assert 0 <= heading["y"] <= 120, heading  # stuck under the page's top bar
    # A figure column sorts largest first on the first press.
    table.locator("thead th").nth(2).locator("button").click()
    figures = [float(text) for text in table.locator("tbody tr td:nth-child(3).hb-number").all_inner_texts()]
    assert figures == sorted(figures, reverse=True) and len(figures) > 80
    visit.close()


def test_company_directory_has_letters_and_a_filter(site):
    _, base_url, browser = site
    visit = PageVisit(browser, urljoin(base_url, "companies.html"), viewport=DESKTOP)
    page = visit.page
    total = page.locator("dl.hb-directory > dt").count()
    page.locator("nav.hb-letters").get_by_role("link", name="D", exact=True).click()
    target = page.evaluate("location.hash.slice(1)")
    assert page.locator(f"dt:has([id='{target}'])").inner_text().strip().upper().startswith("D")
    page.get_by_label("Filter companies by name, description or chapter").fill("heat pump")
    shown = page.locator("dl.hb-directory > dt:visible")
    assert 0 < shown.count() < total
    for term in shown.all():
        entry = term.inner_text() + term.evaluate("t => t.nextElementSibling.innerText")
        assert "heat pump" in entry.lower()
    assert page.locator(".hb-filter-count").inner_text() == f"{shown.count()} of {total} companies"
    visit.close()


def test_case_study_index_narrows_by_world_region_and_sector(site):
    _, base_url, browser = site
    visit = PageVisit(browser, urljoin(base_url, "case-studies.html"), viewport=DESKTOP)
    page = visit.page
    listed = lambda section, group: set(page.locator(f"section#{section} dl > dt").filter(
        has_text=group).evaluate("t => [...t.nextElementSibling.querySelectorAll('a')].map(a => a.getAttribute('href'))"))
    in_europe, residential = listed("by-world-region", "Europe"), listed("by-sector", "Residential")
    page.get_by_label("World region").select_option("Europe")
    page.get_by_label("Sector").select_option("Residential")
    shown = set(page.locator("dl.hb-case-index li:visible a.reference").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"))
    assert shown and shown == in_europe & residential
    assert page.locator(".hb-filter-count").inner_text() == f"{len(shown)} case studies"
    visit.close()


@pytest.mark.parametrize("page_name", ["index.html", "companies.html", "case-studies.html",
                                       GLANCE, "search.html?q=heat", "404.html"])
def test_pages_with_their_own_controls_pass_axe_in_dark_mode(site, page_name):
    """The cards, filters, map, tables and search, in the dark scheme too."""
    _, base_url, browser = site
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    page.goto(urljoin(base_url, page_name), wait_until="networkidle")
    page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
    assert serious_violations(page) == []
    context.close()
