"""Sources that are not UTF-8: one located warning per file, never a traceback.

Sphinx 9 reads a document with a strict decoder, so one byte that is not UTF-8 (a
Latin-1 "é" pasted from an old file) stops the whole build with "Encoding error!" and
a traceback. Our extension also reads sources itself: chapters for their titles and
front matter, course files, the Drawdown data file.

Everything goes through ``decode_source``: UTF-8 (a leading byte-order mark dropped, as
Sphinx's ``utf-8-sig`` does), and a bad byte becomes U+FFFD so that the build carries
on. Each bad file is reported once, at the line of its first bad byte
(``handbook.encoding``):

- a document of the book, when Sphinx is about to read it (``env-before-read-docs``);
  Sphinx then reads it through the ``handbook-utf-8`` codec, which replaces the bad
  bytes of exactly the files reported, and stays strict for any other file (an
  ``include`` of a non-UTF-8 file remains docutils' own located error);
- a file only we read (course, data file), by ``read_source``.

Our other reads of chapters (``read_quietly``) say nothing: the chapter is reported
when Sphinx reads it, and a second warning for the same byte would only confuse.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .validation import warn

CODEC_NAME = "handbook-utf-8"
UTF8_NAMES = {"utf-8", "utf_8", "utf8", "utf-8-sig", "utf_8_sig"}
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


def read_source(path: Path) -> str:
    """The text of a file only we read; a bad byte is a warning at its line."""
    decoded = decode_source(Path(path).read_bytes())
    if decoded.problem:
        warn(decoded.problem, "encoding", f"{path}:{decoded.line}")
    return universal_newlines(decoded.text)


def read_quietly(path: Path) -> str:
    """The text of a document Sphinx also reads (and reports, see above)."""
    return universal_newlines(decode_source(Path(path).read_bytes()).text)


# -- the codec Sphinx reads documents with ---------------------------------------------
# Digests of the files reported before Sphinx reads them. Parallel readers are forked
# after ``env-before-read-docs``, so they see the same set.
_reported: set[str] = set()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _WholeFileDecoder(codecs.BufferedIncrementalDecoder):
    """Decodes once the whole file is in (Sphinx reads documents in one piece)."""

    def _buffer_decode(self, data, errors, final):
        if not final:
            return "", 0
        data = bytes(data)
        body = data[len(BOM):] if data.startswith(BOM) else data
        try:
            return body.decode("utf-8"), len(data)
        except UnicodeDecodeError:
            if _digest(data) not in _reported:
                raise  # not a document we reported: as strict as Sphinx's own codec
            return body.decode("utf-8", "replace"), len(data)


def _decode(data, errors="strict"):
    decoder = _WholeFileDecoder(errors)
    return decoder.decode(bytes(data), final=True), len(data)


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("_", "-") != CODEC_NAME:
        return None
    return codecs.CodecInfo(
        encode=codecs.utf_8_encode, decode=_decode, name=CODEC_NAME,
        incrementalencoder=codecs.getincrementalencoder("utf-8"),
        incrementaldecoder=_WholeFileDecoder,
        streamreader=codecs.getreader("utf-8"), streamwriter=codecs.getwriter("utf-8"))


codecs.register(_search)


def report_undecodable_documents(app: Sphinx, env: BuildEnvironment,
                                 docnames: list[str]) -> None:
    if app.config.source_encoding.lower() not in UTF8_NAMES:
        return  # a book in another encoding is Sphinx's business
    for docname in docnames:
        path = env.doc2path(docname)
        data = Path(path).read_bytes()
        decoded = decode_source(data)
        if decoded.problem:
            warn(decoded.problem, "encoding", f"{path}:{decoded.line}")
            _reported.add(_digest(data))
    env.settings["input_encoding"] = CODEC_NAME


def setup_source_files(app: Sphinx) -> None:
    # Late, so that the list is final: every page Sphinx will read has been looked at.
    app.connect("env-before-read-docs", report_undecodable_documents, priority=900)
