"""Pictures of the old site: found on disk and copied next to the chapter, or reported.

Docusaurus pages point at ``static/`` in several ways: ``../static/img/x.png`` (relative
to the page), ``/img/x.png`` (the site root is ``static/``) or ``/../static/img/x.png``;
some pictures sit in ``docs/img/`` beside the pages. All are looked for relative to the
page, in every ``--static`` folder, in the ``static/`` and ``docs/`` folders of the
``--site`` root, and in the ``static/`` folder next to the page's folder.

WebP, GIF and AVIF pictures (which the PDF edition cannot show) are converted to PNG with
Pillow: the first frame of an animation, the same bytes for the same picture every time.
"""

from __future__ import annotations

import filecmp
import io
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from handbook.common.links import split_url

FIGURES = "figures"
# Kinds the book cannot show but Pillow reads: converted to PNG on the way in.
CONVERTED_SUFFIXES = (".webp", ".gif", ".avif")


class PictureUnreadable(Exception):
    """A picture to convert that Pillow cannot read (a broken or mislabelled file)."""


def url_path(src: str) -> str:
    """The path of a picture's address, without query or fragment."""
    parts = split_url(src)
    return unquote(parts.path if parts else src.split("?")[0].split("#")[0])


def site_relative(src: str) -> str:
    """*src* without leading ``/``, ``./``, ``../`` and ``static/``: ``img/x.png``."""
    path = url_path(src)
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    if parts and parts[0] == "static":
        parts = parts[1:]
    return "/".join(parts)


class PictureFinder:
    def __init__(self, page: Path, static_dirs: list[Path], site: Path | None = None):
        self.page_dir = page.parent
        site_dirs = [site / "static", site / "docs"] if site is not None else []
        # The site's own static/ folder, when the page is in the site's docs/ folder.
        self.static_dirs = [*static_dirs, *site_dirs, self.page_dir.parent / "static"]

    def candidates(self, src: str) -> list[Path]:
        path = url_path(src)
        found = []
        if path and not path.startswith("/"):
            found.append(self.page_dir / path)
        rest = site_relative(src)
        if rest:
            for folder in self.static_dirs:
                found.append(folder / rest)
                if "/" in rest:  # --static pointing at static/img itself
                    found.append(folder / rest.split("/", 1)[1])
        return found

    def find(self, src: str) -> Path | None:
        return next((path for path in self.candidates(src) if path.is_file()), None)


def is_remote(src: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", src, re.I)) \
        or src.lower().startswith("data:")


def needs_conversion(source: Path) -> bool:
    return source.suffix.lower() in CONVERTED_SUFFIXES


def book_name(source: Path) -> str:
    """The picture's file name in the book: a converted picture becomes a .png."""
    return source.with_suffix(".png").name if needs_conversion(source) else source.name


@cache
def converted_png(source: Path) -> bytes:
    """*source* as PNG bytes (its first frame); PictureUnreadable when Pillow cannot read it."""
    from PIL import Image, UnidentifiedImageError  # only when a picture needs it

    try:
        with Image.open(source) as image:
            image.seek(0)
            mode = "RGBA" if image.mode in ("RGBA", "LA", "P", "PA") else "RGB"
            frame = image.convert(mode)
    except (OSError, UnidentifiedImageError, ValueError) as error:
        raise PictureUnreadable(f"{source.name} cannot be read as a picture ({error})") from None
    out = io.BytesIO()
    frame.save(out, format="PNG", optimize=False)
    return out.getvalue()


def same_picture(dest: Path, source: Path) -> bool:
    """Whether *dest* already holds what importing *source* writes."""
    if needs_conversion(source):
        return dest.read_bytes() == converted_png(source)
    return filecmp.cmp(dest, source, shallow=False)


def write_picture(source: Path, dest: Path) -> None:
    """Copy (or convert) *source* to *dest*, unless it is there already."""
    if dest.exists() and same_picture(dest, source):
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    if needs_conversion(source):
        dest.write_bytes(converted_png(source))
    else:
        dest.write_bytes(source.read_bytes())


class FigureCopies:
    """Pictures to copy into the book: chapter folder -> figures/<name>, one name per file."""

    def __init__(self):
        self.planned: dict[Path, Path] = {}  # destination -> source

    def destination(self, source: Path, part_dir: Path, slug: str) -> Path:
        """Where *source* goes: figures/<name>, or figures/<slug>-<name> when another picture
        already has that name (in the book or earlier in this import)."""
        folder = part_dir / FIGURES
        name = book_name(source)
        for candidate in (name, f"{slug}-{name}"):
            dest = folder / candidate
            if self.is_free_for(dest, source):
                return dest
        return folder / f"{slug}-{name}"  # the chapter's own name: it may replace it

    def is_free_for(self, dest: Path, source: Path) -> bool:
        planned = self.planned.get(dest)
        if planned is not None:
            return planned.resolve() == source.resolve() or (
                needs_conversion(planned) == needs_conversion(source)
                and filecmp.cmp(planned, source, shallow=False))
        return not dest.exists() or same_picture(dest, source)

    def plan(self, source: Path, dest: Path) -> None:
        self.planned[dest] = source

    def forget(self, destinations: list[Path]) -> None:
        """The page was not written: its pictures are not copied after all."""
        for dest in destinations:
            self.planned.pop(dest, None)
