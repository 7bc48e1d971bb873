"""Start-up: what every build imports before it reads a page.

sphinxext-opengraph imports matplotlib (pyplot and its font manager) when it loads, for
social cards, which the book switches off (``ogp_social_cards`` in ``conf.py``): about
0.7 s of every build, a third of an incremental one. It falls back to no social cards
when that import fails, as on a machine without matplotlib, so the import is made to
fail, and the line it prints then ("matplotlib is not installed…") is kept out of the
build's output. The book's own chart imports matplotlib only when it is drawn.
"""

from __future__ import annotations

import contextlib
import io
import sys

SOCIAL_CARDS = "sphinxext.opengraph._social_cards"


def load_opengraph_without_social_cards() -> None:
    if "sphinxext.opengraph" in sys.modules:
        return
    sys.modules[SOCIAL_CARDS] = None  # "import" of it raises ImportError
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import sphinxext.opengraph  # noqa: F401
    finally:
        del sys.modules[SOCIAL_CARDS]
