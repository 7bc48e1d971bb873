"""No template in the published edition: pydata-sphinx-theme and sphinx-book-theme keep
Jinja macros (``webpack-macros.html``, ``sbt-webpack-macros.html``) in their static
folders, so Sphinx copies them into ``_static/`` as if they were pages, with
``{{ pathto(…) }}`` unrendered. They are removed once the static files are copied.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

THEME_TEMPLATES = ("webpack-macros.html", "sbt-webpack-macros.html")


def remove_theme_templates(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html":
        return
    for name in THEME_TEMPLATES:
        (Path(app.outdir) / "_static" / name).unlink(missing_ok=True)


def setup_template_files(app: Sphinx) -> None:
    app.connect("build-finished", remove_theme_templates)
