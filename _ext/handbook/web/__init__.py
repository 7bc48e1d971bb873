"""The HTML edition as the web meets it: what search engines and link previews read
(descriptions, sitemap, robots.txt, the search index; the OpenGraph tags and 404 page come from sphinxext-opengraph and
sphinx-notfound-page, set in conf.py), markup a validator accepts, and pages that load only what they use.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from handbook.web.asset_bundles import setup_asset_bundles
from handbook.web.exercise_ids import setup_exercise_ids
from handbook.web.icon_fonts import setup_icon_fonts
from handbook.web.icons import setup_icons
from handbook.web.image_sizes import setup_image_sizes
from handbook.web.page_assets import setup_page_assets
from handbook.web.page_descriptions import setup_page_descriptions
from handbook.web.page_width import setup_page_width
from handbook.web.search_index import setup_search_index
from handbook.web.site_files import setup_site_files
from handbook.web.template_files import setup_template_files
from handbook.web.theme_controls import setup_theme_controls
from handbook.web.theme_styles import setup_theme_styles


def tell_templates(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``handbook_light_pages`` (on): off, pages load what the theme loads by default,
    the baseline that the benchmark (benchmarks/bench_reader.py) measures against."""
    context["handbook_light_pages"] = app.config.handbook_light_pages


def setup_web(app: Sphinx) -> None:
    app.add_config_value("handbook_light_pages", True, "html", types=[bool])
    app.connect("html-page-context", tell_templates)
    setup_site_files(app)
    setup_page_descriptions(app)
    setup_exercise_ids(app)
    setup_template_files(app)
    setup_icons(app)
    setup_theme_controls(app)  # before the style sheet's cut: Bootstrap's words are gone
    setup_theme_styles(app)  # after the icons (their class), before the fonts' cut
    setup_page_assets(app)
    setup_page_width(app)
    setup_image_sizes(app)
    setup_search_index(app)
    setup_icon_fonts(app)
    setup_asset_bundles(app)  # last: joins the files as the edition serves them
