"""The case-study directive: fields, anchors, references, and output in each builder."""

import pytest
from bs4 import BeautifulSoup
from handbook.case_study import case_study


@pytest.mark.sphinx("html", testroot="handbook")
def test_doctree_fields_and_anchor(app):
    app.build()
    assert app.warning.getvalue() == ""
    (node,) = list(app.env.get_doctree("chapter").findall(case_study))
    assert (node["title"], node["region"], node["sector"], node["company"], node["url"]) == (
        "Daikin Altherma", "Europe", "Residential", "Daikin", "https://www.daikin.com/altherma")
    assert node["ids"] == ["case-study-daikin-altherma-europe"]
    assert node["names"] == ["case-altherma"]


@pytest.mark.sphinx("html", testroot="handbook")
def test_html_card_and_reference_by_label(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "chapter.html").read_text(), "html.parser")
    card = soup.select_one("div.hb-case-study")
    assert "sd-card" in card["class"]
    assert card["id"] == "case-study-daikin-altherma-europe"
    assert card.select_one(".hb-case-title").get_text(strip=True) == "Daikin Altherma"
    assert card.select_one(".hb-case-meta").get_text().strip() == "Europe · Residential"
    assert card.select_one(".hb-url a")["href"] == "https://www.daikin.com/altherma"
    ref = soup.find("a", class_="reference internal", string=None,
                    href="#case-study-daikin-altherma-europe")
    assert ref.get_text() == "Daikin Altherma"


@pytest.mark.sphinx("latex", testroot="handbook")
def test_latex_box_has_a_label_the_reference_reaches(app):
    app.build()
    tex = (app.outdir / "test.tex").read_text()
    box = tex[tex.index(r"\begin{HandbookCaseStudy}"):tex.index(r"\end{HandbookCaseStudy}")]
    assert r"\label{\detokenize{chapter:case-study-daikin-altherma-europe}}" in box
    assert r"\sphinxurl{https://www.daikin.com/altherma}" in box
    assert r"\hyperref[\detokenize{chapter:case-study-daikin-altherma-europe}]" in tex


@pytest.mark.sphinx("text", testroot="handbook")
def test_text_builder_shows_every_field(app):
    app.build()
    text = (app.outdir / "chapter.txt").read_text()
    for expected in ("Daikin Altherma", "*Europe* · Residential", "Air-to-water heat pumps for homes.",
                     "Daikin: https://www.daikin.com/altherma"):
        assert expected in text
