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

import unicodedata

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from .validation import warn

ORDINARY_WHITESPACE = "\t\n\r"
INVISIBLE_CATEGORIES = ("Cf", "Co", "Cn")
# Default-ignorable code points of other categories: combining grapheme joiner, fillers.
OTHER_INVISIBLE = {"\u034f", "\u115f", "\u1160", "\u3164", "\uffa0"}
ZWNJ, ZWJ = "\u200c", "\u200d"
VIRAMA = 9  # canonical combining class of a virama (Indic conjunct control)
JOINING_SCRIPTS = {"ARABIC", "SYRIAC", "NKO", "MANDAIC", "MONGOLIAN", "DEVANAGARI", "BENGALI",
                   "GURMUKHI", "GUJARATI", "ORIYA", "TAMIL", "TELUGU", "KANNADA",
                   "MALAYALAM", "SINHALA", "MYANMAR", "KHMER"}
CONTROL_NAMES = {"\x00": "NULL", "\x07": "BELL", "\x08": "BACKSPACE", "\x0b": "LINE TABULATION",
                 "\x0c": "FORM FEED", "\x1b": "ESCAPE", "\x7f": "DELETE"}
UNNAMED = {"Cc": "<control>", "Co": "<private use>", "Cn": "<unassigned>"}


def is_invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return (category in INVISIBLE_CATEGORIES or char in OTHER_INVISIBLE
            or (category == "Cc" and char not in ORDINARY_WHITESPACE))


def describe(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: the code point and its Unicode name."""
    name = (unicodedata.name(char, "") or CONTROL_NAMES.get(char)
            or UNNAMED.get(unicodedata.category(char), ""))
    return f"U+{ord(char):04X} {name}".rstrip()


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]


def needed_joiner(text: str, index: int) -> bool:
    """Whether the ZWJ/ZWNJ at *index* shapes the letters or emoji around it."""
    char = text[index]
    if char not in (ZWJ, ZWNJ) or index == 0 or index == len(text) - 1:
        return False
    before, after = text[index - 1], text[index + 1]
    if unicodedata.combining(before) == VIRAMA:
        return True
    if (char == ZWJ and unicodedata.category(after) == "So"
            and (unicodedata.category(before) in ("So", "Sk") or before == "\ufe0f")):
        return True  # woman, ZWJ, microscope: the parts of one emoji (a scientist)
    return _script(before) == _script(after) and _script(before) in JOINING_SCRIPTS


def _refused_positions(text: str) -> list[int]:
    return [i for i, char in enumerate(text) if is_invisible(char) and not needed_joiner(text, i)]


def refused_characters(text: str) -> list[str]:
    """The invisible characters of *text* that it may not have, each once, in order."""
    return list(dict.fromkeys(text[i] for i in _refused_positions(text)))


def without_refused(text: str) -> str:
    refused = set(_refused_positions(text))
    return "".join(char for i, char in enumerate(text) if i not in refused)


def comparable(text: str) -> str:
    """*text* as names are compared: NFKC, with every invisible character dropped."""
    return "".join(char for char in unicodedata.normalize("NFKC", text)
                   if not is_invisible(char))


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
