# Sources: the bibliography, the factors table and the case-study vocabularies, with
# sphinxcontrib-bibtex configured as the book configures it; tests write the pages,
# refs.bib and factors.csv.
from pathlib import Path

ROOT = Path(__file__).parent
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex", "handbook"]
myst_enable_extensions = ["colon_fence"]
myst_footnote_sort = False
myst_footnote_transition = False
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "handbook"  # "plain", titles as published (bibliography.py)
bibtex_foot_reference_style = "foot"
handbook_drawdown_csv = str(ROOT / "drawdown.csv")
handbook_factors_csv = str(ROOT / "factors.csv")
latex_engine = "lualatex"
latex_documents = [("index", "test.tex", "Test Book", "Tests", "manual")]
