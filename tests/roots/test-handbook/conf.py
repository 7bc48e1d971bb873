# A two-page book using every directive of the handbook, with the book's LaTeX style.
from pathlib import Path

import handbook

REPO = Path(handbook.__file__).resolve().parents[2]

extensions = ["myst_parser", "sphinx_design", "handbook"]
myst_enable_extensions = ["colon_fence"]
handbook_drawdown_csv = str(Path(__file__).parent / "drawdown.csv")
numfig = True
latex_engine = "lualatex"
latex_documents = [("index", "test.tex", "Test Book", "Tests", "manual")]
latex_additional_files = [str(REPO / "_static" / "latex" / "handbook.sty")]
latex_elements = {
    "fontpkg": "",
    "preamble": r"\usepackage{handbook}\newcommand{\HandbookEdition}{test}",
}
