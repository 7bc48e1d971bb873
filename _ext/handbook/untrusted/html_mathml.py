"""Math in the HTML edition as MathML, written at build time.

Sphinx's default loads MathJax from a CDN: a script from another host on the reader's
page, and no math offline. Current browsers render MathML themselves, and docutils
converts the TeX subset that math_policy.py allows, so pages carry their math as
markup and load nothing for it. A formula that does not convert was already refused,
with its line, by math_policy.CheckMath.
"""

from __future__ import annotations

from docutils import nodes
from docutils.utils.math import MathError
from docutils.utils.math.latex2mathml import parse_latex_math, toplevel_code
from docutils.utils.math.mathml_elements import math, mstyle, mtable, mtd, mtr
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _
from sphinx.util.math import get_node_equation_number

from handbook.validation import warn

# Style attributes that MathML Core allows on every element but the HTML checker (and
# MathML 3) only on <mstyle>: docutils puts them on <mfrac> for \tfrac and \dfrac.
STYLE_ATTRIBUTES = ("displaystyle", "scriptlevel")


def _styles_outside(tree: math) -> None:
    """Move the style attributes of each element other than <mstyle> onto an <mstyle>
    around it: the same rendering, valid under both standards."""
    for parent in list(tree.iter()):
        for index, child in enumerate(list(parent)):
            if child.tag in ("mstyle", "mtable"):
                continue
            styles = {key: child.attrib.pop(key) for key in STYLE_ATTRIBUTES if key in child.attrib}
            if styles:
                parent[index] = mstyle(child, **styles)


def tex2mathml(tex: str, as_block: bool = False) -> str:
    """docutils' ``tex2mathml``, with the style attributes where a validator accepts them."""
    tree = math(xmlns="http://www.w3.org/1998/Math/MathML")
    node = tree
    if as_block:
        tree.set("display", "block")
        if len(toplevel_code(tex).split(r"\\")) > 1:
            # several rows: docutils' emulation of "align*", a math table
            node = mtd()
            tree.append(mtable(mtr(node), CLASS="ams-align", displaystyle=True))
    parse_latex_math(node, tex)
    _styles_outside(tree)
    tree.indent_xml()
    return tree.toxml()


def _mathml(translator, tex: str, node: nodes.Element, block: bool) -> str:
    try:
        return tex2mathml(tex, as_block=block)
    except MathError as error:  # math_policy.CheckMath refuses these first
        warn(f"math: {error}", "math", node)
        return translator.encode(tex)


def visit_math(translator, node: nodes.math) -> None:
    translator.body.append(translator.starttag(node, "span", "", CLASS="math notranslate"))
    translator.body.append(_mathml(translator, node.astext(), node, block=False) + "</span>")
    raise nodes.SkipNode


def visit_math_block(translator, node: nodes.math_block) -> None:
    translator.body.append(translator.starttag(node, "div", CLASS="math notranslate"))
    if node["number"]:
        number = get_node_equation_number(translator, node)
        translator.body.append(f'<span class="eqno">({number})')
        translator.add_permalink_ref(node, _("Link to this equation"))
        translator.body.append("</span>")
    # Several equations in one block are separated by a blank line, as in LaTeX.
    for part in (part for part in node.astext().split("\n\n") if part.strip()):
        translator.body.append(_mathml(translator, part, node, block=True))
    translator.body.append("</div>\n")
    raise nodes.SkipNode


def use_mathml(app: Sphinx, config: Config) -> None:
    config.html_math_renderer = "mathml"


def setup_html_mathml(app: Sphinx) -> None:
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_math_block, None))
    app.connect("config-inited", use_mathml)
