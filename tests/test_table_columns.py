"""Table columns in print (``handbook/table_numbers.py`` and the book's LaTeX style): a
word of a heading or of a short cell is never broken across lines. Typeset with LuaLaTeX
and read back from the PDF, on a one-page book."""

from __future__ import annotations

import re
import subprocess

from conftest import REPO

PAGE = """\
# Tables

:::{table} A narrow column given by its author, whose heading is one long word.
:widths: 42 42 6 10

| Fate | How long the carbon stays out of the air | Sequestration? | Uncertain |
| --- | --- | --- | --- |
| Harvested for food | Days to a few years, as the products are eaten or burnt | No | How much |
| Buried in sediment | Decades to millennia, if the sediment is left alone | Yes | Little |
:::

:::{table} A table without widths: a column of one-word cells beside long ones.

| Fixture | Federal standard | California |
| --- | --- | --- |
| Showerhead | 2.5 gallons (9.5 litres) per minute since 1994, for every new showerhead sold | 1.8 gallons (6.8 litres) per minute from 2018, after a first step to 2.0 gallons |
| Toilet | 1.6 gallons (6.1 litres) per flush since 1994, for every new toilet sold in the country | 1.28 gallons (4.8 litres) per flush, the same as the WaterSense label asks for |
:::
"""

BOOK_STYLE = {
    "latex_additional_files": [str(REPO / "_static" / "latex" / "handbook.sty")],
    "latex_elements": {"fontpkg": "", "preamble": r"\usepackage{handbook}"
                                                  r"\newcommand{\HandbookEdition}{test}"},
}


def test_no_word_of_a_heading_or_a_short_cell_is_hyphenated(build_book):
    app, warnings = build_book({"index.md": PAGE}, "latex", **BOOK_STYLE)
    assert warnings == ""
    subprocess.run(["make", "-C", str(app.outdir), "all-pdf", "LATEXMKOPTS=-silent"],
                   check=True, capture_output=True)
    # As laid out on the page (pdftotext's plain mode joins a word broken at a hyphen).
    text = subprocess.run(["pdftotext", "-layout", str(app.outdir / "test.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    log = (app.outdir / "test.log").read_text(errors="replace")
    for word in ("Sequestration?", "Uncertain", "Showerhead", "Fixture"):
        assert word in text.split(), word
    # Held whole by a column wide enough, not by a word running out of its cell.
    assert re.findall(r"^Overfull \\hbox.*$", log, re.M) == []
