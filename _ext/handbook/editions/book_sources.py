"""The book's chapters as the editions see them before Sphinx reads anything: their ids,
titles and text, read once per build however many editions ask (course landing pages,
handouts, the PDF's fonts)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from handbook.common.characters import without_hidden_controls, without_refused
from handbook.common.file_version import file_version
from handbook.common.text_files import read_quietly


def markdown_files(srcdir: Path) -> tuple[Path, ...]:
    return tuple(sorted(Path(srcdir).rglob("*.md")))


def _signature(paths: tuple[Path, ...]) -> tuple:
    return tuple((path, file_version(path)) for path in paths)


@lru_cache(maxsize=2)
def _texts(signature: tuple) -> dict[Path, str]:
    # A bad byte is reported when Sphinx reads the file; here it is only a U+FFFD.
    return {path: read_quietly(path) for path, _ in signature}


def source_texts(srcdir: Path) -> dict[Path, str]:
    """Every Markdown file of the book and its text (read again only when one changes)."""
    return _texts(_signature(markdown_files(srcdir)))


def chapter_titles(srcdir: Path) -> dict[str, str]:
    """Chapter id (docname) -> title, for every solution chapter in the book."""
    srcdir = Path(srcdir)
    chapters = {}
    for path, text in source_texts(srcdir).items():
        relative = path.relative_to(srcdir)
        if len(relative.parts) != 2 or path.name == "index.md" \
                or "\ndrawdown_solution:" not in "\n" + text:
            continue
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")),
                     path.stem)
        # As the chapter's page shows it: its own build reports these characters, once.
        title = without_refused(without_hidden_controls(title))
        chapters[relative.with_suffix("").as_posix()] = title
    return dict(sorted(chapters.items()))
