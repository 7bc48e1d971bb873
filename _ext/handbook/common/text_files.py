"""Text files read as UTF-8 without ever raising: bad bytes become U+FFFD, and the first
one is described with its line (``decode_source``). Shared by the book and the importer;
the book turns the description into a located warning (``untrusted/source_files.py``).
Files written whole or not at all (``write_if_changed``), for processes that read them
while another writes.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

BOM = codecs.BOM_UTF8
CONTEXT = 30  # characters shown either side of the bad byte


@dataclass(frozen=True)
class DecodedSource:
    text: str
    problem: str | None = None  # what to tell the author, when a byte is not UTF-8
    line: int = 0               # 1-based line of the first bad byte


def bad_spans(data: bytes) -> list[tuple[int, int]]:
    """Where *data* is not UTF-8: (start, end) of every undecodable byte sequence."""
    spans, position = [], 0
    while True:
        try:
            data[position:].decode("utf-8")
            return spans
        except UnicodeDecodeError as error:
            spans.append((position + error.start, position + error.end))
            position += error.end


def decode_source(data: bytes) -> DecodedSource:
    """*data* as text; bad bytes become U+FFFD and the first one is described."""
    if data.startswith(BOM):
        data = data[len(BOM):]  # a byte-order mark is no line and no character
    try:
        return DecodedSource(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    spans = bad_spans(data)
    start, end = spans[0]
    line_start = data.rfind(b"\n", 0, start) + 1
    line_end = data.find(b"\n", end)
    line_end = len(data) if line_end == -1 else line_end
    before = data[line_start:start].decode("utf-8", "replace")[-CONTEXT:]
    after = data[end:line_end].decode("utf-8", "replace").rstrip("\r")[:CONTEXT]
    bad = data[start:end]
    shown = "".join(f"\\x{byte:02x}" for byte in bad)
    what = (f"byte 0x{bad[0]:02X} is" if len(bad) == 1 else
            f"bytes {' '.join(f'0x{byte:02X}' for byte in bad)} are")
    more = f" (and {len(spans) - 1} more in the file)" if len(spans) > 1 else ""
    problem = (f"undecodable source characters: {what} not UTF-8: '{before}>>>{shown}<<<{after}'"
               f"{more}; read as U+FFFD REPLACEMENT CHARACTER, save the file as UTF-8")
    return DecodedSource(data.decode("utf-8", "replace"), problem,
                         data.count(b"\n", 0, start) + 1)


def universal_newlines(text: str) -> str:
    """Line ends as ``Path.read_text`` gives them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_quietly(path: Path) -> str:
    """The text of a document Sphinx also reads (and reports, see above)."""
    return universal_newlines(decode_source(Path(path).read_bytes()).text)


def write_if_changed(path: Path, text: str) -> None:
    """Rewrite only on change (an unchanged course page does not make Sphinx re-read it),
    and whole or not at all: two editions built at once, or two test workers, may read
    the file meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_bytes() != text.encode("utf-8"):
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
