# A bare book with the handbook's extensions; tests write the pages.
from pathlib import Path

extensions = ["myst_parser", "sphinx_design", "handbook"]
myst_enable_extensions = ["colon_fence"]
handbook_drawdown_csv = str(Path(__file__).parent / "drawdown.csv")
numfig = True
latex_engine = "lualatex"
latex_documents = [("index", "test.tex", "Test Book", "Tests", "manual")]
