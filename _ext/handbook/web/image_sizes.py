"""Each picture of a page says its size, so the browser keeps its room before it loads.

Sphinx writes a figure as ``<img src="_images/x.svg" style="width: 100%;">``: the browser
learns the picture's height only when the file arrives, lays the page out again and moves
the text below it down (a layout shift, in the reader's eyes a jump). Given ``width`` and
``height`` (the picture's own, from its file), it reserves the right height at once;
``handbook.css`` keeps ``height: auto`` so the attributes give the shape, not the size.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from handbook.builders import is_web_edition

_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\bsrc="(?:\.\./)*_images/([^"/]+)"')
_SVG_SIZE = re.compile(r"<svg\b[^>]*>", re.S)
_NUMBER = r"([0-9.]+)"


def intrinsic_size(path: Path) -> tuple[int, int] | None:
    """A picture's width and height in CSS pixels, from its file (None: unknown)."""
    if path.suffix.lower() == ".svg":
        head = _SVG_SIZE.search(path.read_text(encoding="utf-8", errors="replace")[:4000])
        if not head:
            return None
        tag = head.group(0)
        width = re.search(rf'\swidth="{_NUMBER}(?:px)?"', tag)
        height = re.search(rf'\sheight="{_NUMBER}(?:px)?"', tag)
        if width and height:
            return round(float(width.group(1))), round(float(height.group(1)))
        box = re.search(rf'viewBox="[-0-9.]+[ ,]+[-0-9.]+[ ,]+{_NUMBER}[ ,]+{_NUMBER}"', tag)
        return (round(float(box.group(1))), round(float(box.group(2)))) if box else None
    try:
        from PIL import Image

        with Image.open(path) as image:
            return image.size
    except OSError:
        return None


def with_sizes(body: str, files: dict[str, Path]) -> str:
    def sized(match: re.Match) -> str:
        tag = match.group(0)
        source = _SRC.search(tag)
        if " width=" in tag or " height=" in tag or not source or source.group(1) not in files:
            return tag
        size = intrinsic_size(files[source.group(1)])
        if not size:
            return tag
        return tag.replace("<img ", f'<img width="{size[0]}" height="{size[1]}" ', 1)

    return _IMG.sub(sized, body)


def size_the_pictures(app: Sphinx, pagename: str, templatename: str,
                      context: dict[str, Any], doctree) -> None:
    if not is_web_edition(app.builder) or "<img" not in (context.get("body") or ""):
        return
    files = {name: Path(app.srcdir, source) for source, name in app.builder.images.items()}
    context["body"] = with_sizes(context["body"], files)


def setup_image_sizes(app: Sphinx) -> None:
    app.connect("html-page-context", size_the_pictures)
