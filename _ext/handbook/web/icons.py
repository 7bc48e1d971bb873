"""The theme's icons as inline SVG, without its 1.5 MB icon script.

pydata-sphinx-theme marks icons as ``<i class="fa-solid fa-bars"></i>`` and loads all of
Font Awesome (``fontawesome.js``) to turn each into an ``<svg>`` after the page loads. A
page uses about a dozen. Once the pages are written, each such ``<i>`` becomes the
``<svg>`` the script would have made, with the outline taken from the theme's own copy of
the script (so the icons stay the theme's), and the layout (``_templates/layout.html``)
no longer loads it. An icon the script does not have is a warning naming it.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from handbook.builders import is_web_edition
from handbook.web.theme_static import theme_static_file

logger = logging.getLogger(__name__)

# Font Awesome's prefixes for the packs the free script defines.
PACKS = {"fa-solid": "fas", "fa-regular": "far", "fa-brands": "fab"}
# The call that registers a pack; its icons are the object "var b={…}" just before it.
_PACK = re.compile(r'\(function\(\)\{p\("(fa[srb])",b\)')
_ICON = re.compile(r'"?([\w-]+)"?:\[(\d+),(\d+),\[([^\]]*)\],"[^"]*","([^"]+)"\]')
# An empty <i> or <span> whose classes name a pack: the icon is its first other fa- class
# that names an icon (fa-lg, fa-fw and the like size it).
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
_ICON_TAG = re.compile(r'<(i|span) class="([^"]*\bfa-(?:solid|regular|brands)\b[^"]*)"([^>]*)></\1>')


def theme_icon_script() -> Path:
    return theme_static_file("scripts", "fontawesome.js")


@functools.cache
def icon_outlines(script: Path) -> dict[tuple[str, str], tuple[int, int, str]]:
    """(pack, name or alias) -> (width, height, SVG path) from Font Awesome's script."""
    text = script.read_text(encoding="utf-8")
    outlines = {}
    for pack in _PACK.finditer(text):
        body = text[text.rfind("var b={", 0, pack.start()):pack.start()]
        for icon in _ICON.finditer(body):
            name, width, height, aliases, path = icon.groups()
            for alias in [name, *re.findall(r'"([\w-]+)"', aliases)]:
                outlines[(pack.group(1), alias)] = (int(width), int(height), path)
    return outlines


def inline_svg(match: re.Match, outlines: dict, missing: set[str]) -> str:
    _, class_text, attributes = match.groups()
    classes = class_text.split()
    pack = next(PACKS[name] for name in classes if name in PACKS)
    names = [name for name in classes if name.startswith("fa-") and (pack, name[3:]) in outlines]
    if not names:
        missing.add(class_text)
        return match.group(0)
    width, height, path = outlines[(pack, names[0][3:])]
    classes = html.escape(" ".join(["svg-inline--fa"] + [name for name in classes if name not in PACKS]))
    # The icon is decorative (its control is labelled); a title on the <i> becomes the
    # SVG's own <title>, as Font Awesome's script does, since <svg> takes no title="".
    kept = "".join(f' {name}="{value}"' for name, value in _ATTRIBUTE.findall(attributes)
                   if name not in ("aria-hidden", "title"))
    title = dict(_ATTRIBUTE.findall(attributes)).get("title")
    return (f'<svg class="{classes}" aria-hidden="true" focusable="false" role="img" '
            f'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"{kept}>'
            + (f"<title>{title}</title>" if title else "")
            + f'<path fill="currentColor" d="{path}"/></svg>')


def icons_inline(text: str, outlines: dict, missing: set[str]) -> str:
    return _ICON_TAG.sub(lambda match: inline_svg(match, outlines, missing), text)


def inline_the_icons(app: Sphinx, exception: Exception | None) -> None:
    if exception or not is_web_edition(app.builder) or not app.config.handbook_light_pages:
        return
    outlines = icon_outlines(theme_icon_script())
    missing: set[str] = set()
    # Pages written by this build still have their <i> icons; the others were done before.
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "fa-solid" in text or "fa-regular" in text or "fa-brands" in text:
            inlined = icons_inline(text, outlines, missing)
            if inlined != text:
                page.write_text(inlined, encoding="utf-8")
    for icon in sorted(missing):
        logger.warning(f"icon {icon!r} is not in the theme's Font Awesome; it will not show",
                       type="handbook", subtype="icons")
    scripts = Path(app.outdir) / "_static" / "scripts"
    # The script, and its 1.8 MB source map (its licence stays: the icons are Font Awesome's).
    for name in ("fontawesome.js", "fontawesome.js.map"):
        (scripts / name).unlink(missing_ok=True)


def setup_icons(app: Sphinx) -> None:
    app.connect("build-finished", inline_the_icons)
