"""Pictures of the old site: found on disk and copied next to the chapter, or reported.

Docusaurus pages point at ``static/`` in several ways: ``../static/img/x.png`` (relative
to the page), ``/img/x.png`` (the site root is ``static/``) or ``/../static/img/x.png``.
All are looked for relative to the page, in the site's ``static/`` folder next to the
page's folder, and in every ``--static`` folder.
"""

from __future__ import annotations

import filecmp
import re
from pathlib import Path
from urllib.parse import unquote

from handbook.common.links import split_url

FIGURES = "figures"


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
    def __init__(self, page: Path, static_dirs: list[Path]):
        self.page_dir = page.parent
        # The site's own static/ folder, when the page is in the site's docs/ folder.
        self.static_dirs = [*static_dirs, self.page_dir.parent / "static"]

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


class FigureCopies:
    """Pictures to copy into the book: chapter folder -> figures/<name>, one name per file."""

    def __init__(self):
        self.planned: dict[Path, Path] = {}  # destination -> source

    def destination(self, source: Path, part_dir: Path, slug: str) -> Path:
        """Where *source* goes: figures/<name>, or figures/<slug>-<name> when another picture
        already has that name (in the book or earlier in this import)."""
        folder = part_dir / FIGURES
        for name in (source.name, f"{slug}-{source.name}"):
            dest = folder / name
            if self.is_free_for(dest, source):
                return dest
        return folder / f"{slug}-{source.name}"  # the chapter's own name: it may replace it

    def is_free_for(self, dest: Path, source: Path) -> bool:
        planned = self.planned.get(dest)
        if planned is not None:
            return planned.resolve() == source.resolve() \
                or filecmp.cmp(planned, source, shallow=False)
        return not dest.exists() or filecmp.cmp(dest, source, shallow=False)

    def plan(self, source: Path, dest: Path) -> None:
        self.planned[dest] = source

    def forget(self, destinations: list[Path]) -> None:
        """The page was not written: its pictures are not copied after all."""
        for dest in destinations:
            self.planned.pop(dest, None)
