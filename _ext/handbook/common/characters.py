"""Which characters a reader cannot see, and how names compare without them.

The rules the book (``untrusted/invisible_characters.py``, ``untrusted/control_characters.py``)
and the importer share; no Sphinx here. Invisible: format characters (Cf), control
characters other than tab and line ends (Cc), private-use (Co) and unassigned (Cn) code
points, the combining grapheme joiner and the Hangul fillers, except a zero-width joiner
or non-joiner that its script needs. Hidden controls: NUL and the bidirectional
embeddings, overrides and isolates ("Trojan Source").
"""

from __future__ import annotations

import re
import unicodedata

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


HIDDEN_CONTROLS = re.compile("[\x00\u202a-\u202e\u2066-\u2069]")


def without_hidden_controls(text: str) -> str:
    return HIDDEN_CONTROLS.sub("", text)


# A typewriter apostrophe after a letter or digit ("China's", "Peoples' "), as
# docutils' smart quotes set it in running text; not one that opens a quotation.
_APOSTROPHE = re.compile(r"(?<=\w)'")


def typographic_apostrophes(text: str) -> str:
    """Text the smart quotes never see (names and titles given to directives, lists made
    from them) with the book's apostrophe, U+2019."""
    return _APOSTROPHE.sub("\u2019", text)
