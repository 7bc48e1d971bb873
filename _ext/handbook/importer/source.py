"""Reading a page of the old site as numbered lines of text, whatever its bytes.

Pages are UTF-8, but some were edited with tools that wrote Windows-1252. A line that
is not UTF-8 is decoded as cp1252 (Latin-1 for the five bytes cp1252 leaves undefined)
and reported, so a mis-encoded name is visible instead of crashing the import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.importer.report import Finding

# C0 control characters other than tab have no place in a book (and break LaTeX).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class SourceLine:
    no: int    # 1-based line number in the page
    text: str  # without the line ending


def _decode_line(raw: bytes) -> tuple[str, bool]:
    """The text of *raw*, and whether it had to be decoded as something else than UTF-8."""
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    chars = []
    for byte in raw:
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(bytes([byte]).decode("latin-1"))
    return "".join(chars), True


class NotText(ValueError):
    """The file is not a text page (it holds NUL bytes: an image, an archive, ...)."""


def shorten(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def decode_page(data: bytes) -> tuple[list[SourceLine], list[Finding]]:
    """The lines of a page, and the problems met in decoding it (with their line)."""
    if b"\x00" in data:
        raise NotText("the file is not a text page (it contains NUL bytes)")
    problems = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    raw_lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()
    lines = []
    for no, raw in enumerate(raw_lines, start=1):
        text, fallback = _decode_line(raw)
        if fallback:
            bad = " ".join(f"0x{b:02X}" for b in raw if b >= 0x80)
            problems.append(Finding(no, f"the line is not UTF-8 (bytes {bad}): read as cp1252, "
                                        f"check the result: {shorten(text)!r}"))
        if _CONTROL.search(text):
            problems.append(Finding(no, "control characters removed from the line"))
            text = _CONTROL.sub("", text)
        lines.append(SourceLine(no, text))
    return lines, problems
