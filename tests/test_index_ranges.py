"""The back-of-book index in print: a run of pages reads "1–3", never "13" (xindy writes
a run as its first and last page with nothing between them; ``handbook.sty`` sets the
dash). Typeset with LuaLaTeX and read back from the PDF, on a book of a few pages."""

from __future__ import annotations

import re
import subprocess

from test_table_columns import BOOK_STYLE

FILLER = " ".join(["A sentence that fills the page so that the next entry lands on another one."] * 75)
# Each paragraph is a little over a page: the term on three pages running, then once
# more three pages later ("1–3, 6").
PAGE = "# Heat\n\n" + "\n\n".join(
    ("{index}`district heating` " if n in (0, 1, 2, 5) else "") + FILLER for n in range(6)) + "\n"


def test_a_run_of_pages_in_the_index_is_printed_with_a_dash(build_book):
    app, warnings = build_book({"index.md": PAGE}, "latex", **BOOK_STYLE)
    assert warnings == ""
    subprocess.run(["make", "-C", str(app.outdir), "all-pdf", "LATEXMKOPTS=-silent"],
                   check=True, capture_output=True)
    text = subprocess.run(["pdftotext", str(app.outdir / "test.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    entry = re.search(r"district heating, ([\d\u2013, ]+)", " ".join(text.split()))
    assert entry, text[-500:]
    assert re.match(r"\d+\u2013\d+, \d+\b", entry[1]), entry[1]
