"""Numbers as a reader sees them: a true minus sign, and what counts as a number in a table.

A hyphen-minus before a digit prints as a hyphen, shorter and higher than a minus sign;
typeset books use U+2212. "R-134a" and "2020-2050" keep their hyphens: a minus follows a
space, an opening bracket or the start of the text, never a letter or a digit.
"""

from __future__ import annotations

import re

MINUS = "\u2212"
_HYPHEN_AS_MINUS = re.compile(r"(?<![\w.,\-/\u2212])-(?=\d)")
# A figure as tables give it: a sign, digits with thousands commas, decimals, a percent,
# or a range of two such figures ("60–70").
_FIGURE = r"[+\u2212\-~≈<>]?\s?\d{1,3}(?:,\d{3})*(?:\.\d+)?%?|[+\u2212\-~≈<>]?\s?\d+(?:\.\d+)?%?"
_NUMBER = re.compile(rf"(?:{_FIGURE})(?:\s?[\u2013\-]\s?(?:{_FIGURE}))?")


def with_minus_signs(text: str) -> str:
    """*text* with U+2212 for every hyphen-minus that stands before a number as its sign."""
    return _HYPHEN_AS_MINUS.sub(MINUS, text)


def signed(value: float, spec: str) -> str:
    """*value* formatted with *spec* ("g", ".2f"), a negative one with a true minus sign."""
    return with_minus_signs(format(value, spec))


def is_number(text: str) -> bool:
    """Whether a table cell holds a figure and nothing else."""
    return bool(_NUMBER.fullmatch(text.strip()))
