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
from docutils.utils.math.latex2mathml import tex2mathml
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _
from sphinx.util.math import get_node_equation_number

from handbook.validation import warn


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
