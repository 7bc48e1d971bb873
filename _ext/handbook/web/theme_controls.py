"""The theme's buttons without Bootstrap's script.

pydata-sphinx-theme loads Bootstrap's whole bundle (81 KB) on every page for a handful of
tooltips, the colour mode menu and the back-to-top button. Running it is about a tenth of
a chapter page's time to DOMContentLoaded, and it reads the page's layout as it starts,
so the browser lays the page out before the reader's first look at it. The edition's
pages load ``_static/theme-controls.js`` (9 KB with its comments) instead, in the head
and deferred, so that it runs before the theme's own script, which asks it for one
tooltip; the bundle is not published. ``_templates/layout.html`` leaves Bootstrap's
script tags out.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from handbook.builders import is_web_edition

SCRIPT = "theme-controls.js"
BOOTSTRAP_FILES = ("bootstrap.js", "bootstrap.js.map")


def _replaces_bootstrap(app: Sphinx) -> bool:
    return is_web_edition(app.builder) and app.config.handbook_light_pages


def load_the_controls(app: Sphinx) -> None:
    if _replaces_bootstrap(app):
        app.add_js_file(SCRIPT, defer="defer")


def remove_bootstrap(app: Sphinx, exception: Exception | None) -> None:
    if exception or not _replaces_bootstrap(app):
        return
    scripts = Path(app.outdir) / "_static" / "scripts"
    for name in BOOTSTRAP_FILES:
        (scripts / name).unlink(missing_ok=True)


def setup_theme_controls(app: Sphinx) -> None:
    app.connect("builder-inited", load_the_controls)
    app.connect("build-finished", remove_bootstrap)
