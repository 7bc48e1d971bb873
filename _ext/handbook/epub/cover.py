"""The EPUB's cover, drawn at build time: the book's title, what it is about and its
version, so a new release never shows an old cover. Written as SVG and converted to PNG
with rsvg-convert (already needed for the PDF's figures): every e-reader shows a PNG
cover, and some show no SVG one.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from handbook.builders import is_e_book

COVER = "_static/cover.png"
WIDTH, HEIGHT = 1600, 2400  # 2:3, the shape e-book shops ask for
FONT = "DejaVu Sans, sans-serif"  # Debian's fonts-dejavu-core (make tex-setup); any sans otherwise


def cover_svg(title_lines: list[str], subtitle_lines: list[str], edition: str) -> str:
    title = "".join(f'<text x="140" y="{900 + 150 * n}" font-size="124" font-weight="bold" '
                    f'fill="#ffffff">{escape(line)}</text>' for n, line in enumerate(title_lines))
    below = 900 + 150 * len(title_lines) + 50
    subtitle = "".join(f'<text x="140" y="{below + 70 * n}" font-size="52" fill="#cfe9e4">'
                       f"{escape(line)}</text>" for n, line in enumerate(subtitle_lines))
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT}">
  <rect width="{WIDTH}" height="{HEIGHT}" fill="#0d544a"/>
  <rect x="0" y="{HEIGHT - 420}" width="{WIDTH}" height="420" fill="#0a433b"/>
  <g transform="translate(120 260) scale(7)">
    <path d="M32 12c-9 10-14 18-14 26a14 14 0 0 0 28 0c0-8-5-16-14-26z" fill="#7fd1c3"/>
    <path d="M32 30v22" stroke="#0d544a" stroke-width="4" stroke-linecap="round"/>
  </g>
  {title}
  {subtitle}
  <text x="140" y="{HEIGHT - 200}" font-size="48" fill="#ffffff">{escape(edition)}</text>
</svg>
"""


def write_cover(app: Sphinx) -> None:
    if not is_e_book(app.builder):
        return
    svg = cover_svg(app.config.project.rsplit(" ", 1),
                    ["The solutions that cut greenhouse-gas emissions,",
                     "one chapter each: companies, case studies, exercises"],
                    f"Version {app.config.release}")
    target = Path(app.outdir) / COVER
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["rsvg-convert", "-w", str(WIDTH), "-h", str(HEIGHT), "-o", str(target)],
                       input=svg.encode(), check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise ExtensionError(f"the EPUB cover could not be drawn with rsvg-convert "
                             f"(`make tex-setup` installs it): {error}") from None


def setup_epub_cover(app: Sphinx) -> None:
    app.connect("builder-inited", write_cover)
