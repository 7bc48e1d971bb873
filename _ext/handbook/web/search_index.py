"""The HTML edition's search: Pagefind's index, written once the pages are.

Sphinx's own search shows theme chrome in its snippets ("…tings Light Dark High-Efficiency
Heat Pumps Contents…"), matches "COP" inside "Copenhagen", and needs its whole index
(half a megabyte) loaded before the first result. Pagefind indexes the text of each page's
article only (``data-pagefind-body``, set in ``_templates/layout.html``), ranks a page
whose title holds the words first, and loads the small parts of its index a query needs;
``_templates/search.html`` and the Ctrl+K dialog show its results as the reader types.
Its binary comes in the ``pagefind-bin`` wheel, so nothing is downloaded at build time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sphinx.application import Sphinx

from handbook.validation import warn

# What is on a page but not its text: heading permalinks, the chapter label above a title.
NOT_TEXT = ".headerlink, .hb-chapter-number"


def write_search_index(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html" or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    # Pagefind names its files by their content and leaves the last build's behind.
    shutil.rmtree(outdir / "pagefind", ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(outdir), "--quiet",
               "--keep-index-url", "--exclude-selectors", NOT_TEXT]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or "error" in result.stderr.lower():
        warn(f"the search index (Pagefind) failed: {(result.stderr or result.stdout).strip()}",
             "search", str(outdir))


def setup_search_index(app: Sphinx) -> None:
    app.connect("build-finished", write_search_index)
