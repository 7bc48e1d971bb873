"""The theme's style sheet, cut to the rules the edition uses (web/theme_styles.py), draws
every page as the whole sheet does: the same pixels, in a real browser, for pages of each
kind at a desktop's and a phone's width, in light and dark mode, and in the states that
the theme's scripts set with classes of their own (drawers, menus, tooltips, dialogs)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from browser import DESKTOP, PHONE
from handbook.web.asset_bundles import BUNDLES, bundle_files, joined
from handbook.web.theme_styles import theme_style_sheet

pytestmark = pytest.mark.book

SCREENSHOTS = Path(__file__).resolve().parents[1] / "_build" / "screenshots"
CHAPTER = "buildings/high-efficiency-heat-pumps.html"
PAGES = [CHAPTER, "index.html", "solutions-at-a-glance.html", "companies.html",
         "case-studies.html", "glossary.html", "search.html", "404.html"]


def open_chapter_list(page):
    page.locator(".bd-header-article button.primary-toggle").click()
    page.locator(".bd-sidebar-primary").wait_for()
    page.wait_for_timeout(400)  # the drawer's slide


def open_page_contents(page):
    page.locator(".bd-header-article button.secondary-toggle").click()
    page.locator(".bd-sidebar-secondary").wait_for()
    page.wait_for_timeout(400)


def open_theme_menu(page):
    page.locator(".theme-switch-button").first.click()
    page.locator(".dropdown-menu.show").first.wait_for()


def show_a_tooltip(page):
    page.locator(".theme-switch-container").first.hover()
    page.locator(".tooltip.show").wait_for()


def open_search_dialog(page):
    page.keyboard.press("Control+k")
    page.locator("#pst-search-dialog .pagefind-ui__search-input").wait_for()  # Pagefind's, loaded
    page.wait_for_timeout(200)


SCREENS = (
    [(name, DESKTOP, "light", None) for name in PAGES]
    + [(name, DESKTOP, "dark", None) for name in (CHAPTER, "index.html")]
    + [(name, PHONE, "light", None) for name in (CHAPTER, "solutions-at-a-glance.html")]
    + [(CHAPTER, PHONE, "light", open_chapter_list),
       (CHAPTER, PHONE, "dark", open_page_contents),
       (CHAPTER, DESKTOP, "light", open_theme_menu),
       (CHAPTER, DESKTOP, "dark", show_a_tooltip),
       (CHAPTER, DESKTOP, "light", open_search_dialog)]
)


SHEET = "_static/styles/pydata-sphinx-theme.css"


def edition_files(html: Path, whole: bool = False):
    """The texts of the edition's files, as a bundle is joined from them (with *whole*,
    the theme's whole sheet in place of the cut one)."""
    def read(name: str) -> str:
        path = theme_style_sheet() if whole and name == SHEET else html / name
        return path.read_text(encoding="utf-8")
    return read


def screenshots(browser, url: str, viewport: dict, scheme: str, action,
                whole_sheet_in: Path | None):
    """The page's first screen, a screen further down, and, after *action*, the screen
    again; with *whole_sheet_in*, the edition's folder, the theme's whole sheet served in
    place of the edition's cut one (alone, and in the pages' bundles of sheets)."""
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    if whole_sheet_in:
        page.route("**/pydata-sphinx-theme.css*", lambda route: route.fulfill(
            path=str(theme_style_sheet()), content_type="text/css"))
        whole = edition_files(whole_sheet_in, whole=True)
        page.route(f"**/{BUNDLES.as_posix()}/*.css*", lambda route: route.fulfill(
            body=joined("css", bundle_files(route.fetch().text()), whole), content_type="text/css"))
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => null)")
    shots = [page.screenshot(animations="disabled")]
    page.evaluate("window.scrollTo(0, 2 * window.innerHeight)")
    page.wait_for_timeout(100)
    shots.append(page.screenshot(animations="disabled"))
    if action:
        page.evaluate("window.scrollTo(0, 0)")
        action(page)
        shots.append(page.screenshot(animations="disabled"))
    context.close()
    return shots


def test_the_cut_style_sheet_draws_pages_as_the_whole_one_does(site):
    html, base_url, browser = site
    differ = []
    for name, viewport, scheme, action in SCREENS:
        url = urljoin(base_url, name)
        whole = screenshots(browser, url, viewport, scheme, action, whole_sheet_in=html)
        cut = screenshots(browser, url, viewport, scheme, action, whole_sheet_in=None)
        if whole != cut:
            # Kept for a look: which rule did the cut lose?
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            stem = SCREENSHOTS / f"theme-sheet-{len(differ)}"
            for kind, shots in (("whole", whole), ("cut", cut)):
                for number, shot in enumerate(shots):
                    stem.with_name(f"{stem.name}-{number}-{kind}.png").write_bytes(shot)
            differ.append(f"{name} at {viewport['width']} px, {scheme}"
                          f"{', ' + action.__name__ if action else ''}")
    assert differ == []


def test_the_cut_sheet_is_smaller_and_every_page_gets_it_as_served_now(site):
    """Each page's style sheets come as one bundle, which holds the cut sheet as the
    edition serves it, and is linked by its own checksum (so a browser never keeps an old
    one); the 404 page, linked from anywhere, links the sheet by its digest."""
    html, _, _ = site
    served = html / "_static" / "styles" / "pydata-sphinx-theme.css"
    assert served.stat().st_size < theme_style_sheet().stat().st_size / 2
    for name in PAGES:
        text = (html / name).read_text(encoding="utf-8")
        bundles = re.findall(rf'href="[^"]*({BUNDLES.as_posix()}/\w+\.css)\?v=(\w+)"', text)
        if name == "404.html":
            digest = hashlib.sha256(served.read_bytes()).hexdigest()[:20]
            assert re.findall(r"pydata-sphinx-theme\.css\?digest=([0-9a-f]+)", text) == [digest]
            continue
        assert len(bundles) == 1 and "pydata-sphinx-theme.css" not in text, name
        (address, checksum), = bundles
        bundle = (html / address).read_text(encoding="utf-8")
        assert hashlib.sha256(bundle.encode()).hexdigest()[:8] == checksum, name
        assert SHEET in bundle_files(bundle), name
        assert bundle == joined("css", bundle_files(bundle), edition_files(html)), name
    assert not served.with_name("pydata-sphinx-theme.css.map").exists()
