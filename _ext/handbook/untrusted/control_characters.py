"""NUL and bidirectional controls: refused anywhere in a chapter, and removed.

The bidirectional embeddings and overrides (U+202A–U+202E) and isolates
(U+2066–U+2069) make text display in another order than it is stored ("Trojan
Source"): a figure, a link or a company name would read one way and be another. A NUL
byte has no business in text, and markdown-it turns it into U+FFFD before any doctree
exists. So both are looked for in the source text itself (``source-read``, and
``include-read`` for included files), where each line is known, reported there
(``handbook.control-character``) and removed, so that they reach neither the page
nor the PDF, whatever part of the chapter (title, paragraph, directive, front matter)
they were in.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from handbook.common.characters import (
    HIDDEN_CONTROLS,
    describe,
    without_hidden_controls,
)
from handbook.validation import warn


def removed_with_warnings(text: str, location_of) -> str:
    """*text* without its hidden controls; each line that had any is a warning at
    ``location_of(line)``."""
    if not HIDDEN_CONTROLS.search(text):
        return text
    # split("\n"), not splitlines(), which also breaks at form feeds and U+2028
    for number, line in enumerate(text.split("\n"), start=1):
        found = list(dict.fromkeys(HIDDEN_CONTROLS.findall(line)))
        if found:
            names = ", ".join(describe(char) for char in found)
            warn(f"{names}: not allowed in a chapter (control characters can hide text or "
                 "make it display in another order than it is written); removed",
                 "control-character", location_of(number))
    return without_hidden_controls(text)


def check_document(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0] = removed_with_warnings(source[0], lambda line: (docname, line))


def check_included_file(app: Sphinx, relative_path: Path, parent_docname: str,
                        content: list[str]) -> None:
    path = Path(app.srcdir) / relative_path
    content[0] = removed_with_warnings(content[0], lambda line: f"{path}:{line}")


def setup_control_characters(app: Sphinx) -> None:
    app.connect("source-read", check_document)
    app.connect("include-read", check_included_file)
