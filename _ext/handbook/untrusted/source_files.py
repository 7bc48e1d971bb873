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
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from handbook.common.text_files import BOM, decode_source, universal_newlines
from handbook.validation import warn

CODEC_NAME = "handbook-utf-8"
UTF8_NAMES = {"utf-8", "utf_8", "utf8", "utf-8-sig", "utf_8_sig"}


def read_source(path: Path) -> str:
    """The text of a file only we read; a bad byte is a warning at its line."""
    decoded = decode_source(Path(path).read_bytes())
    if decoded.problem:
        warn(decoded.problem, "encoding", f"{path}:{decoded.line}")
    return universal_newlines(decoded.text)


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
