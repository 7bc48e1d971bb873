"""Where pydata-sphinx-theme keeps the files it copies into ``_static``: the originals, which
the edition's cuts (icons, icon fonts, style sheet) are made from, whatever an earlier
build left in the output folder."""

from __future__ import annotations

from pathlib import Path


def theme_static_file(*parts: str) -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent.joinpath(
        "theme", "pydata_sphinx_theme", "static", *parts)
