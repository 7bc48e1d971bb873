"""The book's house style, checked where it can be: British spelling, one notation for
CO2-equivalent, and an en dash between the numbers of a range.

The book is written in British English (colour, organise, tonne, kerb) and writes
CO2-equivalent as "CO2e" (set as CO₂e); chapters written by many hands drift from both
("color", "CO₂-eq", "CO2eq"). Each drift is a warning at its file and line, with the form to
write instead. Quoted titles of sources keep their own spelling, and so do names: the check
reads the chapters' own text (not footnotes, citations, code or links showing an address),
and only lower-case words, so that "World Resources Center" or "Department of Labor" pass.
A range of numbers is written "26–29 cm", "2023–24"; a hyphen between numbers after a
capitalised word is part of a name (ISO 52120-1, NF T 51-800, Boeing 737-800) and passes.
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
RANGE = re.compile(r"(?<![\w.,/-])\d(?:[\d,.]*\d)?-\d(?:[\d,.]*\d)?(?![\w-])")
NAME_BEFORE = re.compile(r"\b[A-Z][\w]*\s+$")  # "ISO ", "NF T ", "Boeing " before the number

NOT_OUR_TEXT = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw, nodes.comment,
                nodes.footnote, nodes.citation, nodes.target)


def british(word: str) -> str:
    for pattern, advice in AMERICAN.items():
        if re.fullmatch(pattern, word):
            return advice
    return ""


def named(before: str) -> bool:
    """Whether a number after *before* is part of a name: after a code in capitals or
    with digits (ISO, NF T, A320), or a capitalised word that does not start a sentence."""
    found = NAME_BEFORE.search(before)
    if not found:
        return False
    word = found.group(0).strip()
    if word.isupper() or any(char.isdigit() for char in word):
        return True
    head = before[:found.start()].rstrip()
    return bool(head) and not head.endswith((".", "!", "?", ":"))


def text_before(text: nodes.Text) -> str:
    """The text just before *text* in its paragraph: MyST makes each source line a Text
    node of its own, so "Boeing" may end the line before "737-800"."""
    siblings = text.parent.children if text.parent is not None else [text]
    at = next(index for index, child in enumerate(siblings) if child is text)
    before = []
    for sibling in reversed(siblings[:at]):
        if not isinstance(sibling, nodes.Text):
            break
        before.append(str(sibling))
    return "".join(reversed(before))


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
            for match in RANGE.finditer(text):
                if not named(text_before(text) + text[:match.start()]):
                    warn(f"house style: a range of numbers takes an en dash, "
                         f"{match.group(0).replace('-', '–')!r}, not {match.group(0)!r}",
                         "house-style", text)


def setup_house_style(app: Sphinx) -> None:
    app.add_transform(HouseStyle)
