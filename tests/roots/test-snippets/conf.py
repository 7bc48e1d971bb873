# The snippets of tests/snippets/, one page each, built as the book builds: their doctrees
# are pinned in tests/snapshots/ (test_snippets.py).
from pathlib import Path

ROOT = Path(__file__).parent
extensions = ["myst_parser", "sphinx_design", "sphinx_exercise", "sphinxcontrib.bibtex", "handbook"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_footnote_sort = False
myst_footnote_transition = False
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "handbook"
bibtex_foot_reference_style = "foot"
handbook_check_unused = False  # a snippet uses one source and one factor, not all
handbook_drawdown_csv = str(ROOT / "drawdown.csv")
handbook_factors_csv = str(ROOT / "factors.csv")
numfig = True
handbook_citation_file = str(ROOT / "CITATION.cff")
