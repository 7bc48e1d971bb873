"""No template in the published edition: pydata-sphinx-theme and sphinx-book-theme keep
Jinja macros (``webpack-macros.html``, ``sbt-webpack-macros.html``) in their static
folders, so Sphinx copies them into ``_static/`` as if they were pages, with
``{{ pathto(…) }}`` unrendered. They are removed once the static files are copied.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from handbook.builders import is_web_edition

THEME_TEMPLATES = ("webpack-macros.html", "sbt-webpack-macros.html")


def remove_theme_templates(app: Sphinx, exception: Exception | None) -> None:
    if exception or not is_web_edition(app.builder):
        return
    for name in THEME_TEMPLATES:
        (Path(app.outdir) / "_static" / name).unlink(missing_ok=True)


def setup_template_files(app: Sphinx) -> None:
    app.connect("build-finished", remove_theme_templates)
