r"""Math in both editions: the allow-list, MathML in HTML, and TeX that cannot read files.

A formula is the one piece of a chapter that reaches LuaLaTeX unescaped. Every hostile
spelling below must be a located error whichever markup carries it, must not reach the
LaTeX source as a command, and a secret file must never appear in a PDF or a TeX log,
even when the allow-list is bypassed (TeX runs with paranoid file access).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from handbook.untrusted.math_policy import COMMANDS, ENVIRONMENTS, math_problem
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]
# The book's own LaTeX style (its fonts), as the PDF editions use it.
BOOK_LATEX = {
    "latex_additional_files": [str(REPO / "_static" / "latex" / "handbook.sty")],
    "latex_elements": {"fontpkg": "", "extraclassoptions": "openany,oneside",
                       "preamble": r"\usepackage{handbook}\newcommand{\HandbookEdition}{test}"},
}

# How each allowed command is used; the others stand alone.
USAGE = {
    "frac": r"\frac{a}{b}", "dfrac": r"\dfrac{a}{b}", "tfrac": r"\tfrac{a}{b}",
    "sqrt": r"\sqrt{x}", "text": r"\text{kWh}", "mathrm": r"\mathrm{d}",
    "mathbf": r"\mathbf{v}", "mathit": r"\mathit{x}", "mathsf": r"\mathsf{x}",
    "boldsymbol": r"\boldsymbol{x}", "left": r"\left( x \right)", "right": "",
    "bar": r"\bar{x}", "hat": r"\hat{x}", "tilde": r"\tilde{x}", "dot": r"\dot{x}",
    "ddot": r"\ddot{x}", "vec": r"\vec{x}", "overline": r"\overline{x}",
    "underline": r"\underline{x}", "widehat": r"\widehat{x}", "overbrace": r"\overbrace{x}",
    "underbrace": r"\underbrace{x}", "bigl": r"\bigl(",
    "bigr": r"\bigr)", "Bigl": r"\Bigl(", "Bigr": r"\Bigr)", "begin": "", "end": "",
    "lim": r"\lim_{x \to 0}", "sum": r"\sum_{i=1}^{n} x_i", "prod": r"\prod_{i} x_i",
    "int": r"\int_0^1 x", "oint": r"\oint x",
    "displaystyle": r"{\displaystyle \sum x}", "textstyle": r"{\textstyle \sum x}",
}


def allowed_snippets() -> list[str]:
    """A use of every allowed command and environment."""
    parts = [USAGE.get(name, f"\\{name}") for name in sorted(COMMANDS)]
    parts += [rf"\begin{{{env}}} a & b \\ c & d \end{{{env}}}" for env in sorted(ENVIRONMENTS)]
    return [part for part in parts if part] + [r"a \, b \; c \: d \! e \{ \} \% \& \_ \#"]


@pytest.mark.parametrize("snippet", allowed_snippets())
def test_every_allowed_command_passes_the_check(snippet):
    assert math_problem(snippet) is None


HOSTILE = [
    (r"\input{/etc/passwd}", r"'\input' is not allowed"),
    (r"\include{secret}", r"'\include' is not allowed"),
    (r"\newread\r \openin\r=/etc/passwd \read\r to\x \x", r"'\newread' is not allowed"),
    (r"\csname input\endcsname{/etc/passwd}", r"'\csname' is not allowed"),
    (r"^^5cinput{/etc/passwd}", "'^^'"),
    (r"\directlua{tex.print(io.open('/etc/passwd'):read('*a'))}", r"'\directlua' is not allowed"),
    (r"\luaexec{os.exit()}", r"'\luaexec' is not allowed"),
    (r"\catcode`\~=0", r"'\catcode' is not allowed"),
    (r"\def\x{\input}\x{/etc/passwd}", r"'\def' is not allowed"),
    (r"\expandafter\x", r"'\expandafter' is not allowed"),
    (r"\immediate\write18{id}", r"'\immediate' is not allowed"),
    (r"\inputé{/etc/passwd}", r"'\inputé' is not allowed"),
    (r"x \end{equation} \input{x} \begin{equation}", r"\end needs one of the environments"),
    (r"\begin{document}", r"\begin needs one of the environments"),
    (r"\begin{aligned} a \end{cases}", "does not close the open environment"),
    (r"x } \input{/etc/passwd} {", "has no opening one"),
    ("x {", "is never closed"),
    ("#1", "'#' is not allowed"),
    ("x % comment", "'%' is not allowed"),
    ("$x$", "'$' is not allowed"),
    ("x \\", "cannot end with a backslash"),
    ("a\u202eb", "U+202E"),
    ("a\x00b", "U+0000"),
    (r"\(x\)", r"'\(' is not allowed"),
]


@pytest.mark.parametrize("tex, problem", HOSTILE)
def test_hostile_tex_is_refused(tex, problem):
    found = math_problem(tex)
    assert found is not None and problem in found, found


@pytest.mark.parametrize("markup, line", [
    ("See {{math}}`{tex}` here.", 5),
    ("```{{math}}\n{tex}\n```", 5),
    ("```{{math}}\n:label: eq-x\n\n{tex}\n```", 5),
    ("```{{eval-rst}}\n.. math:: {tex}\n```", 6),
    ("```{{eval-rst}}\nInline :math:`{tex}` too.\n```", 6),
    (":::{{note}}\nIn a box {{math}}`{tex}`.\n:::", 6),
])
@pytest.mark.parametrize("tex", [r"\input{/etc/passwd}", r"\csname input\endcsname{x}",
                                 "^^5cinput{x}"])
def test_every_markup_carrying_math_is_checked_with_its_line(build_page, markup, line, tex):
    page = "# T\n\nFirst.\n\n" + markup.format(tex=tex) + "\n"
    for builder in ("html", "latex"):
        app, warnings = build_page(page, builder)
        assert re.search(rf"index.md:{line}: WARNING: math: .*not allowed.*\[handbook.math\]",
                         warnings), warnings
        if builder == "latex":
            tex_source = (app.outdir / "test.tex").read_text()
            assert not re.search(r"\\(input|csname)\b|\^\^5c", tex_source)


def test_nowrap_is_refused(build_page):
    _, warnings = build_page("# T\n\n```{math}\n:nowrap:\n\n\\alpha\n```\n")
    assert "index.md:3: WARNING: math: :nowrap: would hand the formula to LaTeX" in warnings


def test_allowed_math_renders_as_mathml_in_html(build_page):
    page = ("# T\n\nThe ratio {math}`\\mathrm{COP} = Q/W` matters.\n\n"
            "```{math}\n:label: eq-cop\n\n\\mathrm{COP} = \\frac{Q_\\text{heat}}{W_\\text{el}}\n```\n")
    app, warnings = build_page(page)
    assert warnings == ""
    html = (app.outdir / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    block = soup.select_one("div.math math[display=block]")
    assert block is not None and block.find("mfrac") is not None
    assert soup.select_one("div.math .eqno").get_text().startswith("(1)")
    assert soup.select_one("p span.math math") is not None
    assert "mathjax" not in html.lower() and "cdn.jsdelivr" not in html


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def latex_run(texdir: Path) -> subprocess.CompletedProcess:
    """LaTeX as `make pdf` runs it, with the Makefile's sandbox."""
    return subprocess.run(["make", "-C", str(REPO), "latex-run", f"TEXDIR={texdir}"],
                          capture_output=True, text=True, env=os.environ | {"NO_COLOR": "1"})


def test_every_allowed_command_sets_in_a_real_pdf(build_page):
    snippets = allowed_snippets()
    formulas = [" \\quad ".join(snippets[i:i + 12]) for i in range(0, len(snippets), 12)]
    page = "# T\n\nBefore.\n\n" + "".join(f"```{{math}}\n{formula}\n```\n\n"
                                           for formula in formulas) + "After.\n"
    app, warnings = build_page(page, "latex", **BOOK_LATEX)
    assert warnings == ""
    result = latex_run(app.outdir)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    text = pdf_text(app.outdir / "test.pdf")
    assert "Before." in text and "After." in text and "kWh" in text


@pytest.mark.parametrize("attack", [
    r"\input{SECRET}",
    r"\newread\r \openin\r=SECRET \read\r to\x \x",
    r"\catcode`\^=7 \input ^^53ECRET",  # the path spelt through ^^ as well
])
def test_tex_cannot_read_outside_its_folder_even_past_the_allow_list(build_page, tmp_path,
                                                                     attack):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-WORD-4711\n")
    app, warnings = build_page("# T\n\nA harmless page.\n", "latex", **BOOK_LATEX)
    assert warnings == ""
    tex_file = app.outdir / "test.tex"
    # Bypass the allow-list, as a case it missed would: straight into the LaTeX source.
    attack = attack.replace("^^53ECRET", str(secret).replace("/", "^^2f")).replace(
        "SECRET", str(secret))
    tex_file.write_text(tex_file.read_text().replace("A harmless page.",
                                                     "A harmless page. " + attack))
    result = latex_run(app.outdir)
    outputs = [p for p in app.outdir.iterdir() if p.suffix in (".log", ".pdf", ".aux", ".fls")]
    for path in outputs:
        content = path.read_bytes()
        assert b"TOPSECRET" not in content, path.name
        if path.suffix == ".pdf":
            assert "TOPSECRET" not in pdf_text(path)
    assert "TOPSECRET" not in result.stdout + result.stderr
