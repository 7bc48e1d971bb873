"""Links in the PDF: a web address with characters outside ASCII still works.

MyST encodes Markdown links itself; addresses from a company panel, a case study or a
source's BibTeX entry reach the PDF as written, so these are the ones tried here.
"""

from __future__ import annotations

import subprocess

from conftest import REPO
from pypdf import PdfReader
from test_math import BOOK_LATEX

PAGE = """\
# Links

:::{company-panel}
- name: Værket
  url: https://www.københavn.example/værk
  description: A company with a Danish address.
:::

:::{case-study} The lagoon decision
:region: United Kingdom
:sector: Utilities and networks
:link: https://news.example.org/rejects-£13bn-lagoon?x=1

The government rejected the lagoon in 2018.
:::
"""


def test_addresses_outside_ascii_are_working_links_in_the_pdf(build_page):
    app, warnings = build_page(PAGE, "latex", **BOOK_LATEX)
    assert warnings == ""
    tex = next(app.outdir.glob("*.tex"))
    run = subprocess.run(["make", "-C", str(REPO), "--no-print-directory", "latex-run",
                          f"TEXDIR={app.outdir}"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    uris = {annot.get_object()["/A"]["/URI"] for page in PdfReader(tex.with_suffix(".pdf")).pages
            for annot in page.get("/Annots", []) or [] if "/A" in annot.get_object()}
    assert "https://www.xn--kbenhavn-54a.example/v%C3%A6rk" in uris
    assert "https://news.example.org/rejects-%C2%A313bn-lagoon?x=1" in uris
    assert all(uri.isascii() for uri in uris)
