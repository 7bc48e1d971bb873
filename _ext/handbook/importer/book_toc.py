"""Placing imported pages in the book: toctree entries, new parts, part introductions.

Every edit is idempotent: an entry already listed is not added again, and a part page
rebuilt from the same introduction and toctree is byte-identical.

A part page (``book/<part>/index.md``)::

    # Buildings

    Introduction text ...

    ```{toctree}
    :maxdepth: 1

    high-efficiency-heat-pumps
    ```
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TOCTREE_OPEN = re.compile(r"^(`{3,}|:{3,})\{toctree\}\s*$")
PARTS_CAPTION = "Parts"
# A part page created for a chapter, before its sector page is imported: its
# introduction can be replaced without --force.
PLACEHOLDER_MARK = "% Placeholder introduction written by `handbook import`"


@dataclass
class Toctree:
    start: int  # index of the opening fence line
    end: int    # index of the closing fence line
    options: dict[str, str]
    entries: list[str]


def find_toctrees(lines: list[str]) -> list[Toctree]:
    toctrees = []
    i = 0
    while i < len(lines):
        opened = TOCTREE_OPEN.match(lines[i])
        if not opened:
            i += 1
            continue
        fence = opened.group(1)
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == fence), None)
        if end is None:
            break
        options, entries = {}, []
        for line in lines[i + 1:end]:
            option = re.match(r"^:([\w-]+):\s*(.*)$", line)
            if option and not entries:
                options[option.group(1)] = option.group(2).strip()
            elif line.strip():
                entries.append(line.strip())
        toctrees.append(Toctree(i, end, options, entries))
        i = end + 1
    return toctrees


def entry_target(entry: str) -> str:
    """``Title <doc>`` or ``doc`` -> ``doc``."""
    explicit = re.search(r"<([^<>]+)>\s*$", entry)
    return (explicit.group(1) if explicit else entry).strip()


def with_entry(text: str, entry: str, toctree: Toctree | None,
               rank: dict[str, int] | None = None) -> str:
    """*text* with *entry* in *toctree* (a new toctree at the end when None): before the
    first entry that comes after it in *rank* (the old site's sidebar order), else last."""
    lines = text.rstrip("\n").split("\n")
    if toctree is None:
        lines += ["", "```{toctree}", ":maxdepth: 1", "", entry, "```"]
        return "\n".join(lines) + "\n"
    insert = toctree.end
    body = lines[toctree.start + 1:toctree.end]
    own = rank.get(rank_key(entry)) if rank else None
    if own is not None:
        later = next((k for k, line in enumerate(body) if line.strip()
                      and not re.match(r"^:[\w-]+:", line)
                      and rank.get(rank_key(line.strip()), -1) > own), None)
        if later is not None:
            lines.insert(toctree.start + 1 + later, entry)
            return "\n".join(lines) + "\n"
    if not any(line.strip() and not re.match(r"^:[\w-]+:", line) for line in body):
        # Options only: entries come after a blank line.
        if not body or body[-1].strip():
            lines.insert(insert, "")
            insert += 1
    lines.insert(insert, entry)
    return "\n".join(lines) + "\n"


def rank_key(entry: str) -> str:
    """``chapter`` or ``part/index`` -> the slug the sidebar order is kept under."""
    target = entry_target(entry).lstrip("/")
    return target[:-len("/index")] if target.endswith("/index") else target


def add_to_part(text: str, chapter: str,
                rank: dict[str, int] | None = None) -> tuple[str, bool]:
    """The part page with *chapter* in its (first) toctree, and whether it was added."""
    toctrees = find_toctrees(text.split("\n"))
    if any(entry_target(e) == chapter for t in toctrees for e in t.entries):
        return text, False
    return with_entry(text, chapter, toctrees[0] if toctrees else None, rank), True


def add_to_parts(text: str, part: str,
                 rank: dict[str, int] | None = None) -> tuple[str, bool]:
    """The book's index with ``<part>/index`` in its "Parts" toctree, and whether it was added."""
    entry = f"{part}/index"
    toctrees = find_toctrees(text.split("\n"))
    if any(entry_target(e).lstrip("/") == entry for t in toctrees for e in t.entries):
        return text, False
    parts = next((t for t in toctrees if t.options.get("caption") == PARTS_CAPTION), None)
    if parts is None:
        parts = next((t for t in toctrees if any(entry_target(e).endswith("/index")
                                                 for e in t.entries)), None)
    if parts is None:
        lines = text.rstrip("\n").split("\n")
        lines += ["", "```{toctree}", f":caption: {PARTS_CAPTION}", ":hidden:", "", entry, "```"]
        return "\n".join(lines) + "\n", True
    return with_entry(text, entry, parts, rank), True


def new_part_page(title: str, intro: list[str] | None, chapters: list[str]) -> str:
    """A part page: its title, introduction (a placeholder when None) and toctree."""
    if intro is None:
        intro = [f"{PLACEHOLDER_MARK}: replace it, or import the sector page.",
                 f"The chapters of this part cover Project Drawdown's solutions in the "
                 f"{title} sector."]
    lines = [f"# {title}", "", *intro, "", "```{toctree}", ":maxdepth: 1", ""]
    lines += chapters
    lines.append("```")
    return "\n".join(lines) + "\n"


def part_page_with_intro(existing: str, title: str, intro: list[str]) -> str:
    """*existing* part page with a new title and introduction; its toctrees kept as they are."""
    lines = existing.rstrip("\n").split("\n")
    toctrees = find_toctrees(lines)
    if not toctrees:
        return new_part_page(title, intro, [])
    kept = []
    for toctree in toctrees:
        kept += lines[toctree.start:toctree.end + 1] + [""]
    return "\n".join([f"# {title}", "", *intro, "", *kept]).rstrip("\n") + "\n"


def has_placeholder_intro(text: str) -> bool:
    return PLACEHOLDER_MARK in text
