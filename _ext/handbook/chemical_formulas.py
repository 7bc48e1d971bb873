"""Chemical formulas set as a chemist writes them: CO₂, CH₄, N₂O, NH₃, CO₂e, in both editions.

Authors type ``CO2`` or ``CO₂`` as they like; the book printed both (a baseline 2 next to a
subscript one), and the HTML search found "CO₂" only when asked for "CO₂". Here every
formula in the text becomes a ``formula`` node holding its plain spelling ("CO2e"), which the
search index reads as one word, and which the HTML and LaTeX writers set with a subscript.

Text that must stay as written is left alone: code, math, raw output, a link whose text is
its address, and a company's name wherever it appears ("CH4 Global" is how that company
writes itself).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
# The formulas the book uses; "CO2e" is the house notation for CO2-equivalent.
# Not inside a word or a file name; a unit after a slash is part of the text ("t CO2/t C",
# "kg CO2e/kg CH4"), as is a prefix ("non-CO2").
FORMULA = re.compile(r"(?<![\w.])(CO[2₂]e?|CH[4₄]|N[2₂]O|NH[3₃]|CaCO[3₃])(?![\w])")
PARTS = re.compile(r"(\d+)")
LEAVE_ALONE = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.raw, nodes.comment)


class formula(nodes.Inline, nodes.TextElement):
    """A chemical formula; its text is the plain spelling, e.g. "CO2e"."""


def split_text(text: str, matches: Iterable[re.Match],
               node_of: Callable[[re.Match], nodes.Node]) -> list[nodes.Node]:
    """*text* as Text nodes and a node for each of *matches*, or ``[]`` when there are none."""
    pieces, start = [], 0
    for match in matches:
        pieces += [nodes.Text(text[start:match.start()]), node_of(match)]
        start = match.end()
    if not pieces:
        return []
    return [piece for piece in [*pieces, nodes.Text(text[start:])]
            if not isinstance(piece, nodes.Text) or str(piece)]


def replace_texts(doctree: nodes.Node, split: Callable[[str], list[nodes.Node]]) -> None:
    """Each text of *doctree* that *split* turns into nodes, and that is not left alone
    (code, math, raw output, web addresses), replaced by them."""
    for text in list(doctree.findall(nodes.Text)):
        pieces = split(str(text)) if text.parent is not None else []
        # The walk up to the text's ancestors only for a text that has something to set.
        if pieces and not left_alone(text):
            text.parent.replace(text, pieces)


def with_formulas(text: str, names: re.Pattern | None = None) -> list[nodes.Node]:
    """*text* as Text and formula nodes, or ``[]`` when it holds no formula; a formula
    inside one of *names* stays as written."""
    kept = [match.span() for match in names.finditer(text)] if names else []

    def as_formula(match: re.Match) -> formula:
        plain = match.group(1).translate(SUBSCRIPTS)
        return formula(plain, plain)

    return split_text(text, (match for match in FORMULA.finditer(text)
                             if not any(begin <= match.start() < end for begin, end in kept)),
                      as_formula)


def left_alone(text: nodes.Text) -> bool:
    node = text.parent
    while node is not None:
        if isinstance(node, LEAVE_ALONE + (formula,)):
            return True
        if isinstance(node, nodes.reference) and "://" in node.astext():
            return True
        node = node.parent
    return False


def rewrite_texts(doctree: nodes.Node, rewrite: Callable[[str], str]) -> None:
    """Each text of *doctree* that is not left alone (code, math, raw output, web
    addresses), through *rewrite*."""
    def rewritten(text: str) -> list[nodes.Node]:
        new = rewrite(text)
        return [nodes.Text(new)] if new != text else []

    replace_texts(doctree, rewritten)


def names_with_formulas(env: BuildEnvironment) -> re.Pattern | None:
    """The companies whose names hold a formula, as one pattern (None if there are none)."""
    names = sorted({entry.name for entry in env.get_domain("handbook").companies()
                    if FORMULA.search(entry.name)}, key=len, reverse=True)
    return re.compile("|".join(re.escape(name) for name in names)) if names else None


def set_formulas(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Last of the ``doctree-resolved`` handlers, so that the text they add (the company
    directory, the tables of solutions) is set too; the HTML search index reads the result."""
    # once per build: the companies are all known when the first page is written
    if not hasattr(app.builder, "hb_formula_names"):
        app.builder.hb_formula_names = names_with_formulas(app.env)
    names = app.builder.hb_formula_names
    replace_texts(doctree, lambda text: with_formulas(text, names))


def subscripted(plain: str) -> list[tuple[str, bool]]:
    """("CO", False), ("2", True), ("e", False): the formula's runs, digits subscript."""
    return [(run, run.isdigit()) for run in PARTS.split(plain) if run]


def visit_formula_html(self, node: formula) -> None:
    self.body.append('<span class="hb-formula">' + "".join(
        f"<sub>{run}</sub>" if low else self.encode(run) for run, low in subscripted(node.astext()))
        + "</span>")
    raise nodes.SkipNode


def visit_formula_latex(self, node: formula) -> None:
    typeset = "".join(rf"\textsubscript{{{run}}}" if low else self.encode(run)
                      for run, low in subscripted(node.astext()))
    # bookmarks (a heading with a formula) take the plain spelling
    self.body.append(rf"\texorpdfstring{{{typeset}}}{{{self.encode(node.astext())}}}")
    raise nodes.SkipNode


def visit_formula_text(self, node: formula) -> None:
    pass  # its text, as written


def depart_nothing(self, node: formula) -> None:
    pass


def setup_chemical_formulas(app: Sphinx) -> None:
    app.add_node(formula, html=(visit_formula_html, depart_nothing),
                 latex=(visit_formula_latex, depart_nothing),
                 text=(visit_formula_text, depart_nothing),
                 man=(visit_formula_text, depart_nothing),
                 texinfo=(visit_formula_text, depart_nothing))
    app.connect("doctree-resolved", set_formulas, priority=950)
