"""A figure and its unit on one line in print: "1.5 °C", "70 MW", "9.5 L per minute".

A typesetter ties a number to the unit symbol after it; LaTeX, given an ordinary space,
broke about 90 of them across lines in the reader's PDF ("a 70 | MW heat pump").
The space becomes a no-break space (U+00A0, which LuaLaTeX never breaks at) in the print
editions' text; code,
math and web addresses keep what was written (``chemical_formulas.left_alone``). The HTML
edition reflows with the reader's window and keeps the author's space.

Only unit symbols: a word after a number ("5.6 billion", "30 years") may start a line.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

from handbook.chemical_formulas import rewrite_texts

UNITS = ("°C", "°F", "%", "TWh", "GWh", "MWh", "kWh", "Wh", "TW", "GW", "MW", "kW", "W",
         "EJ", "PJ", "GJ", "MJ", "kJ", "Gt", "Mt", "kt", "t", "kg", "km²", "km", "m²", "m³",
         "m", "cm", "mm", "ha", "L", "ppm", "ppb", "mpg", "gal", "lb", "mph", "K")
# A figure ("70", "1.5", "2,000") not inside a longer word, a space, and a unit symbol that
# is not the start of a word ("70 MW" and "10 m²", not "2 men").
# A power of ten written with superscript digits ("10⁹ MJ") is a figure too.
UNIT_AHEAD = r"(?=(?:" + "|".join(map(re.escape, UNITS)) + r")(?![A-Za-z]))"
TIED = re.compile(r"(?<![\w.,])(\d[\d,.]*[⁰¹²³⁴⁵⁶⁷⁸⁹]*)\s" + UNIT_AHEAD)
# The text after a power set as a superscript node ("1.584 × 10{sup}`9` MJ").
UNIT_AFTER_POWER = re.compile(r"\s" + UNIT_AHEAD)


def tie_numbers_to_units(text: str) -> str:
    return TIED.sub("\\1\u00a0", text)


def tie_after_powers(doctree: nodes.document) -> None:
    for power in list(doctree.findall(nodes.superscript)):
        parent = power.parent
        at = parent.index(power)
        before = parent[at - 1] if at > 0 else None
        after = parent[at + 1] if at + 1 < len(parent) else None
        if (re.fullmatch(r"[-−]?\d+", power.astext()) and isinstance(before, nodes.Text)
                and before[-1:].isdigit() and isinstance(after, nodes.Text)
                and UNIT_AFTER_POWER.match(after)):
            parent.replace(after, nodes.Text("\u00a0" + after[1:]))


def tie_in_print(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    rewrite_texts(doctree, tie_numbers_to_units)
    tie_after_powers(doctree)


def setup_number_unit_ties(app: Sphinx) -> None:
    # With the apostrophes (940): after the pages' own handlers have added their text.
    app.connect("doctree-resolved", tie_in_print, priority=941)
