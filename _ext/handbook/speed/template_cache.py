"""Compiled HTML templates kept between builds.

Sphinx compiles the theme's Jinja templates (about 35 of them) in every run: a quarter
of a second, an eighth of an incremental rebuild after editing one chapter. Jinja's
bytecode cache keeps them compiled beside the doctrees; it checks each template's
source, so an edited template is compiled again.
"""

from __future__ import annotations

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx


def cache_compiled_templates(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is None or app.builder.format != "html":
        return
    folder = app.doctreedir / "html-templates"
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def connect_template_cache(app: Sphinx) -> None:
    app.connect("builder-inited", cache_compiled_templates)
