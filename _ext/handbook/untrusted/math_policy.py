r"""Math a chapter may write: the TeX a climate book needs, and nothing that reaches files.

Math is the one place where a chapter's text goes to LuaLaTeX unescaped. TeX can read
any file the build user can read (``\input``, ``\openin``/``\read``, ``\directlua``),
and build a command's name at run time (``\csname``, ``^^5c``), so no deny-list is
safe: every control sequence must be on the allow-list below, every environment on
its own list, and the characters with a special meaning to TeX's reader (``#``, ``^^``,
``%``, ``$``, control characters) are refused. Braces and environments must balance,
so that nothing can close the math early. The formula must also convert to MathML,
which is how the HTML edition shows it (``html_mathml.py``), so both editions agree.

A refused formula is a located error (``handbook.math``) and is shown as code.
The PDF builds also run TeX with paranoid file access (the Makefile), for a case
this list could ever miss.
"""

from __future__ import annotations

import re
import unicodedata

from docutils import nodes
from docutils.utils.math import MathError
from docutils.utils.math.latex2mathml import tex2mathml
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from handbook.validation import warn

GREEK = ("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda "
         "mu nu xi pi rho sigma tau upsilon phi varphi chi psi omega "
         "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega")
COMMANDS = frozenset((GREEK + " "
    # fractions, roots, big operators
    "frac dfrac tfrac sqrt sum prod int oint lim "
    # relations and operators
    "times cdot div pm mp approx sim simeq neq ne leq le geq ge ll gg equiv propto "
    "to rightarrow leftarrow Rightarrow Leftarrow leftrightarrow mapsto "
    "infty partial nabla circ prime ldots cdots "
    # functions set upright
    "log ln exp min max sin cos tan sup inf det "
    # text and fonts
    "text mathrm mathbf mathit mathsf boldsymbol "
    # spacing and styles
    "quad qquad displaystyle textstyle "
    # delimiters
    "left right bigl bigr Bigl Bigr langle rangle lvert rvert lVert rVert "
    "lfloor rfloor lceil rceil "
    # accents
    "bar hat tilde dot ddot vec overline underline widehat overbrace underbrace "
    "begin end").split())
ENVIRONMENTS = frozenset("aligned cases matrix pmatrix bmatrix".split())
# \, \; \: \! \  thin to thick spaces; escaped specials; \\ a new row; \| a double bar.
SYMBOLS = frozenset(",;:! {}%&_#$|\\")
MAX_LENGTH = 2000

_TOKEN = re.compile(r"\\([^\W\d_]+|.)?|\^\^|[#%$]|[{}]", re.DOTALL)
_ENVIRONMENT = re.compile(r"\s*\{([^{}]*)\}")


def math_problem(tex: str) -> str | None:
    """Why *tex* cannot be set in both editions, or None when it can."""
    if len(tex) > MAX_LENGTH:
        return f"a formula is at most {MAX_LENGTH} characters long"
    for char in tex:
        if unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Cn") and char not in "\n\t":
            return f"the character U+{ord(char):04X} has no place in a formula"
    depth, environments = 0, []
    for match in _TOKEN.finditer(tex):
        token, name = match.group(0), match.group(1)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return "a closing brace '}' has no opening one"
        elif token in ("#", "%", "$", "^^"):
            return f"{token!r} is not allowed in a formula (write \\{token[0]} for the sign)" \
                if token != "^^" else "'^^' (TeX's character-code notation) is not allowed"
        elif name is None:
            return "a formula cannot end with a backslash"
        elif len(name) == 1 and not name.isalpha():
            if name not in SYMBOLS:
                return f"the command '\\{name}' is not allowed in a formula"
        elif name not in COMMANDS:
            return (f"the command '\\{name}' is not allowed in a formula; allowed are Greek "
                    "letters, \\frac, \\sqrt, \\sum, \\times, \\approx, \\text and the like "
                    "(see math_policy.py)")
        elif name in ("begin", "end"):
            argument = _ENVIRONMENT.match(tex, match.end())
            if not argument or argument.group(1) not in ENVIRONMENTS:
                return (f"\\{name} needs one of the environments "
                        f"{', '.join(sorted(ENVIRONMENTS))}")
            if name == "begin":
                environments.append(argument.group(1))
            elif not environments or environments.pop() != argument.group(1):
                return f"\\end{{{argument.group(1)}}} does not close the open environment"
    if depth:
        return "an opening brace '{' is never closed"
    if environments:
        return f"\\begin{{{environments[-1]}}} is never closed"
    try:
        tex2mathml(tex)
    except MathError as error:
        return f"the formula cannot be shown in the HTML edition: {error}"
    return None


class CheckMath(SphinxTransform):
    """Every formula of a chapter, from the ``math`` role and directive, ``{eval-rst}``
    and MyST's math syntax alike: each arrives here as a math or math_block node."""

    default_priority = 400

    def apply(self) -> None:
        for node in list(self.document.findall(lambda n: isinstance(n, (nodes.math,
                                                                           nodes.math_block)))):
            problem = math_problem(node.astext())
            if node.get("nowrap"):
                problem = ":nowrap: would hand the formula to LaTeX outside math mode"
            if problem is None:
                continue
            warn(f"math: {problem}; the formula is shown as written", "math", node)
            shown = (nodes.literal(node.astext(), node.astext())
                     if isinstance(node, nodes.math)
                     else nodes.literal_block(node.astext(), node.astext(), language="text"))
            node.replace_self(shown)


def setup_math_policy(app: Sphinx) -> None:
    app.add_transform(CheckMath)
