"""Font Awesome's web fonts cut to the glyphs the style sheets use.

With the icons of the pages inline (``icons.py``), the theme's style sheets still draw a
few symbols from Font Awesome's fonts (the marks of admonition titles, for one), so a
chapter page loads ``fa-solid-900.woff2``: 115 KB for the dozen glyphs it can show. Each
font in the edition is cut to the glyphs any style sheet of the edition names, with
fontTools; the cut is kept in the doctree folder, so a later build copies it.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx

from handbook.builders import is_web_edition
from handbook.web.theme_static import theme_static_file

FONT_FOLDER = Path("_static") / "vendor" / "fontawesome" / "webfonts"
# Font Awesome's glyphs are in Unicode's private use area; a style sheet names them as
# characters or as escapes ("\f0c9").
_ESCAPED = re.compile(r"\\(f[0-9a-fA-F]{3}|e[0-9a-fA-F]{3})\b")
_PRIVATE = re.compile("[\ue000-\uf8ff]")
# Font Awesome's own rules, one per icon (.fa-bars{--fa:"\f0c9"}): they draw <i> icons,
# which the pages no longer have (icons.py made them inline SVG).
_ICON_CLASS_RULE = re.compile(r'--fa:"[^"]*"')


def glyphs_named(style_sheets: list[Path]) -> set[int]:
    codepoints: set[int] = set()
    for sheet in style_sheets:
        text = _ICON_CLASS_RULE.sub("", sheet.read_text(encoding="utf-8", errors="replace"))
        codepoints |= {int(code, 16) for code in _ESCAPED.findall(text)}
        codepoints |= {ord(char) for char in _PRIVATE.findall(text)}
    return codepoints


def cut_font(source: Path, target: Path, codepoints: set[int]) -> None:
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []  # icons need no ligatures or other features
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def cut_icon_fonts(app: Sphinx, exception: Exception | None) -> None:
    if exception or not is_web_edition(app.builder) or not app.config.handbook_light_pages:
        return
    outdir = Path(app.outdir)
    fonts = sorted((outdir / FONT_FOLDER).glob("*.woff2"))
    if not fonts:
        return
    codepoints = glyphs_named(sorted((outdir / "_static").rglob("*.css")))
    cache = Path(app.doctreedir) / "handbook-icon-fonts"
    cache.mkdir(parents=True, exist_ok=True)
    for font in fonts:
        original = _theme_font(font.name)
        if original is None:
            continue
        key = hashlib.sha256(original.read_bytes() + repr(sorted(codepoints)).encode()).hexdigest()[:16]
        cut = cache / f"{font.stem}-{key}.woff2"
        if not cut.is_file():
            cut_font(original, cut, codepoints)
        if font.read_bytes() != cut.read_bytes():
            shutil.copyfile(cut, font)


def _theme_font(name: str) -> Path | None:
    path = theme_static_file("vendor", "fontawesome", "webfonts", name)
    return path if path.is_file() else None


def setup_icon_fonts(app: Sphinx) -> None:
    app.connect("build-finished", cut_icon_fonts)
