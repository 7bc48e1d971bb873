"""Powers as a typesetter sets them, in both editions: m², km³, 10⁴, and superscripts.

The factors' labels and the units table came as data writes them ("10000 m2/ha",
"1 hm2 = 10^4 m2"), and the book printed "m2" beside the "m²" of the chapters' prose.
A power after a unit symbol, and a power of ten, become Unicode superscript digits in
the text of every page. The worked solutions write other powers as on a calculator,
"0.8^0.5", "(1.06)^25", "e^(−0.05 t)": the exponent becomes a superscript (without its
brackets). Code, math and web addresses keep what was written
(``chemical_formulas.left_alone``).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

from handbook.chemical_formulas import replace_texts, rewrite_texts, split_text

SUPERSCRIPT = str.maketrans("0123456789-\u2212", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻")
# A length unit squared or cubed ("m2", "km2", "nmi2", "ft3"), not inside a word.
UNIT_POWER = re.compile(r"(?<![\w.])(km|hm|cm|mm|nmi|mi|ft|m)([23])(?![\w])")
# A power of ten written with a caret ("10^4", "10^-3").
TEN_POWER = re.compile(r"(?<![\w.])10\^([-\u2212]?\d+)(?![\w])")
# Any other power: a caret after a figure, a letter or a closing bracket, then a number,
# a letter, or a bracketed exponent.
CARET_POWER = re.compile(r"(?<=[\w)])\^(?:\(([^()]+)\)|([-\u2212]?[\d.]*\d|[A-Za-z]))")


def with_unit_powers(text: str) -> str:
    text = UNIT_POWER.sub(lambda match: match[1] + match[2].translate(SUPERSCRIPT), text)
    return TEN_POWER.sub(lambda match: "10" + match[1].translate(SUPERSCRIPT), text)


def with_exponents(text: str) -> list[nodes.Node]:
    """*text* as Text and superscript nodes, or ``[]`` when it holds no caret power."""
    return split_text(text, CARET_POWER.finditer(text),
                      lambda match: nodes.superscript("", match[1] or match[2]))


def set_unit_powers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    # After references are resolved: a factor's label is the text of its reference.
    rewrite_texts(doctree, with_unit_powers)
    replace_texts(doctree, with_exponents)


def setup_unit_powers(app: Sphinx) -> None:
    app.connect("doctree-resolved", set_unit_powers, priority=940)
