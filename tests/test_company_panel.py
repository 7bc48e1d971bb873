"""The company-panel directive: doctree, HTML, LaTeX and text output of a valid panel."""

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from handbook.company_panel import company_panel

SPECIAL_NAME = "A&B_%#$~^{}\\ Heat"
SPECIAL_URL = "https://example.com/a_b%20c?x=1&y=2#frag"


@pytest.mark.sphinx("html", testroot="handbook")
def test_doctree_holds_every_field(app):
    app.build()
    assert app.warning.getvalue() == ""
    doctree = app.env.get_doctree("chapter")
    (panel,) = list(doctree.findall(company_panel))
    assert panel["jobs"] == "https://jobs.example.org/search?q=heat+pumps&x=1"
    items = list(panel.findall(nodes.list_item))
    assert [item.next_node(nodes.reference).astext() for item in items] == ["Daikin", SPECIAL_NAME]
    assert [item.next_node(nodes.reference)["refuri"] for item in items] == [
        "https://www.daikin.com", SPECIAL_URL]
    # The description is parsed as inline Markdown.
    assert items[0].next_node(nodes.emphasis).astext() == "heat pump"


@pytest.mark.sphinx("html", testroot="handbook")
def test_html_is_a_card_with_links(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "chapter.html").read_text(), "html.parser")
    panel = soup.select_one("div.hb-company-panel")
    assert "sd-card" in panel["class"]
    assert panel.select_one(".hb-panel-title").get_text(strip=True) == "Example companies"
    names = {a.get_text(): a["href"] for a in panel.select("li.hb-company strong a")}
    assert names == {"Daikin": "https://www.daikin.com", SPECIAL_NAME: SPECIAL_URL}
    jobs = panel.select_one(".hb-jobs a")
    assert jobs.get_text() == "View open jobs in this solution"
    assert jobs["href"] == "https://jobs.example.org/search?q=heat+pumps&x=1"


@pytest.mark.sphinx("latex", testroot="handbook")
def test_latex_is_our_box_with_escaped_text(app):
    app.build()
    tex = (app.outdir / "test.tex").read_text()
    start, end = tex.index(r"\begin{HandbookCompanyPanel}"), tex.index(r"\end{HandbookCompanyPanel}")
    panel = tex[start:end]
    # On paper the name is text and the address is printed under it (print_links.py): a
    # link on the name would add a footnote repeating the address.
    assert r"\sphinxstylestrong{Daikin}" in panel
    assert r"\sphinxhref{https://www.daikin.com}{Daikin}" not in panel
    assert r"\sphinxurl{https://www.daikin.com}" in panel
    # Sphinx's escaping: special characters print as written.
    assert (r"A\&B\_\%\#\$\textasciitilde{}\textasciicircum{}\{\}\textbackslash{} Heat") in panel
    # The address itself is printed with \sphinxurl, which breaks long URLs across lines.
    assert r"\sphinxurl{https://example.com/a\_b\%20c?x=1\&y=2\#frag}" in panel


@pytest.mark.sphinx("text", testroot="handbook")
def test_text_builder_falls_back_to_plain_content(app):
    app.build()
    assert app.warning.getvalue() == ""
    text = (app.outdir / "chapter.txt").read_text()
    assert "Example companies" in text
    assert "* **Daikin** — Air conditioning and *heat pump* systems." in text
    assert "https://www.daikin.com" in text
    assert "View open jobs in this solution" in text


@pytest.mark.sphinx("latex", testroot="handbook")
def test_pdf_prints_special_characters_as_written(app):
    """Compile the LaTeX with the book's style: the name must survive TeX intact."""
    import subprocess

    app.build()
    subprocess.run(["make", "-C", str(app.outdir), "all-pdf", "LATEXMKOPTS=-silent"],
                   check=True, capture_output=True)
    text = subprocess.run(["pdftotext", str(app.outdir / "test.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert SPECIAL_NAME in text
    assert "https://example.com/a_b%20c?x=1&y=2#frag" in text.replace("\n", "")
