"""The book's house style, checked where it can be: British spelling and one notation for
CO2-equivalent.

The book is written in British English (colour, organise, tonne, kerb) and writes
CO2-equivalent as "CO2e" (set as CO₂e); chapters written by many hands drift from both
("color", "CO₂-eq", "CO2eq"). Each drift is a warning at its file and line, with the form to
write instead. Quoted titles of sources keep their own spelling, and so do names: the check
reads the chapters' own text (not footnotes, citations, code or links showing an address),
and only lower-case words, so that "World Resources Center" or "Department of Labor" pass.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from handbook.validation import warn

# American spelling -> the book's; whole lower-case words and their endings.
AMERICAN = {
    r"color(s|ed|ful|ing)?": "colour",
    r"favor(s|ed|able|ite|ites)?": "favour",
    r"behavior(s|al)?": "behaviour",
    r"neighbor(s|hood|hoods|ing)?": "neighbour",
    r"labor": "labour",
    r"center(s|ed)?": "centre",
    r"fiber(s|glass)?": "fibre",
    r"liter(s)?": "litre",
    r"(kilo|centi|milli)meter(s)?": "…metre",
    r"theater(s)?": "theatre",
    r"gray": "grey",
    r"aluminum": "aluminium",
    r"catalog(s)?": "catalogue",
    r"model(ed|ing)": "modelled, modelling",
    r"travel(ed|ing|er|ers)": "travelled, travelling, traveller",
    r"fuel(ed|ing)": "fuelled, fuelling",
    r"label(ed|ing)": "labelled, labelling",
    r"cancel(ed|ing)": "cancelled, cancelling",
    r"(organ|recogn|real|priorit|minim|maxim|optim|standard|stabil|subsid|util|categor|"
    r"apolog|emphas|summar)iz(e|es|ed|ing|ation|ations)": "-ise, -isation",
    r"(analy|paraly|cataly)z(e|es|ed|ing)": "-yse",
}
SPELLING = re.compile(r"\b(" + "|".join(f"(?:{word})" for word in AMERICAN) + r")\b")
NOTATION = re.compile(r"\bCO[2₂]\s?-?\s?eq\b|\bCO[2₂]e?q\b|\bCO[2₂]-e\b")

NOT_OUR_TEXT = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw, nodes.comment,
                nodes.footnote, nodes.citation, nodes.target)


def british(word: str) -> str:
    for pattern, advice in AMERICAN.items():
        if re.fullmatch(pattern, word):
            return advice
    return ""


def our_text(text: nodes.Text) -> bool:
    node = text.parent
    while node is not None:
        if isinstance(node, NOT_OUR_TEXT):
            return False
        if isinstance(node, nodes.reference) and "://" in node.astext():
            return False
        node = node.parent
    return True


class HouseStyle(SphinxTransform):
    default_priority = 890  # after MyST and our directives have made their nodes

    def apply(self, **kwargs) -> None:
        for text in self.document.findall(nodes.Text):
            if not our_text(text):
                continue
            for match in SPELLING.finditer(text):
                warn(f"house style: British spelling, {british(match.group(0))!r}, "
                     f"not {match.group(0)!r}", "house-style", text)
            for match in NOTATION.finditer(text):
                warn(f"house style: write CO2-equivalent as 'CO2e', not {match.group(0)!r}",
                     "house-style", text)


def setup_house_style(app: Sphinx) -> None:
    app.add_transform(HouseStyle)
