# Titles and company names in many scripts, LaTeX specials, emoji and long URLs,
# built with the book's own LaTeX style to check the PDF prints them all.
from pathlib import Path

import handbook

REPO = Path(handbook.__file__).resolve().parents[2]

extensions = ["myst_parser", "sphinx_design", "handbook"]
myst_enable_extensions = ["colon_fence"]
handbook_drawdown_csv = str(REPO / "data" / "drawdown-solutions.csv")
latex_engine = "lualatex"
latex_documents = [("index", "test.tex", "Scripts", "Tests", "manual")]
latex_additional_files = [str(REPO / "_static" / "latex" / "handbook.sty")]
latex_elements = {
    "fontpkg": "",
    "extraclassoptions": "openany,oneside",
    "preamble": r"\usepackage{handbook}\newcommand{\HandbookEdition}{test}",
}
