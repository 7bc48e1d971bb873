"""Invisible characters in names and titles: refused, removed, and ignored when comparing.

A company called "Dai\\u200bkin" (a zero-width space inside) looks exactly like
"Daikin" on the page, yet is another string: the directory would list the company
twice, and a title or a region could hide text. In company names, case-study fields
and section titles such a character is a warning (``handbook.invisible-character``)
naming it by code point, and it is removed; ``comparable()`` also drops them (after
NFKC), so that names differing only by them are one company even if the warning is
silenced.

Invisible: format characters (Cf: zero-width space and joiners, soft hyphen, BOM,
bidirectional marks and controls, ...), control characters other than tab and line
ends (Cc), private-use (Co) and unassigned (Cn) code points, the combining grapheme
joiner and the Hangul fillers. A zero-width joiner or non-joiner that a script needs
(after a virama, between two Arabic or Indic letters, inside an emoji sequence) is
kept: it changes how the text looks, and names in those scripts are written with it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from handbook.common.characters import describe, refused_characters, without_refused
from handbook.validation import warn


def checked_name(value: str, what: str, location) -> str:
    """*value* without refused invisible characters; a warning at *location* if it had any."""
    found = refused_characters(value)
    if not found:
        return value
    cleaned = without_refused(value)
    names = ", ".join(describe(char) for char in found)
    warn(f"{what} {cleaned!r} contains {names}: invisible characters are not allowed in "
         "names and titles (the text would not be what it looks like); removed",
         "invisible-character", location)
    return cleaned


class RefuseInvisibleCharactersInTitles(SphinxTransform):
    """Section titles (the chapter's own title too): warn, then drop the characters."""

    default_priority = 410

    def apply(self) -> None:
        for title in self.document.findall(nodes.title):
            if not isinstance(title.parent, (nodes.section, nodes.document)):
                continue
            if checked_name(title.astext(), "title", title) == title.astext():
                continue
            for text in list(title.findall(nodes.Text)):
                text.parent.replace(text, nodes.Text(without_refused(text)))


def setup_invisible_characters(app: Sphinx) -> None:
    app.add_transform(RefuseInvisibleCharactersInTitles)
