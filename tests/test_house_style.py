"""One house style: chemical formulas set with subscripts and powers of units with
superscripts in both editions (formulas found by search as typed), British spelling and
"CO2e", with a warning at the file and line of each drift."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from pagefind import indexed_text

FORMULAS = """\
# Formulas in CO2 terms

Burning gas releases CO2 and leaks CH₄; fertiliser releases N2O. The total is in CO₂e,
and limestone is CaCO3. Code keeps its text: `CO2`. So does an address:
<https://example.org/CO2>.
"""


def test_formulas_have_subscripts_in_html_and_are_found_as_typed(build_page):
    app, warnings = build_page(FORMULAS)
    assert warnings == ""
    page = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    paragraph = page.select_one("article p") or page.select("p")[0]
    set_with_subscripts = [str(formula) for formula in page.select("p .hb-formula")]
    assert set_with_subscripts == [
        '<span class="hb-formula">CO<sub>2</sub></span>',
        '<span class="hb-formula">CH<sub>4</sub></span>',
        '<span class="hb-formula">N<sub>2</sub>O</span>',
        '<span class="hb-formula">CO<sub>2</sub>e</span>',
        '<span class="hb-formula">CaCO<sub>3</sub></span>']
    assert "Burning gas releases CO2 and leaks CH4" in paragraph.get_text()
    assert page.select_one("p code").get_text() == "CO2"
    assert page.select_one("p a[href='https://example.org/CO2']").get_text() == \
        "https://example.org/CO2"
    words = {word for text in indexed_text(app.outdir).values()
             for word in re.findall(r"\w+", text.lower())}
    assert {"co2", "co2e", "ch4", "n2o"} <= words


UNITS_OF_FACTORS = """\
# Factors

Grid power emits 0.4 kg CO2/kWh and methane 28 kg CO2e/kg CH4, which is non-CO2. A
hectare is 10000 m2/ha of land, 0.01 km2, or 10^4 m2; a well holds 3 m3. A model M2 and
the file `area_m2.csv` keep their text.

The flow falls as 1,500 × e^(−0.05 t); 400 × 0.8^0.5 = 358, and `x^2` stays code.
"""


def test_units_after_a_slash_and_powers_of_units_are_set_in_both_editions(build_page):
    """Data writes "t CO2/t C" and "10000 m2/ha" (the factors' labels, the units table),
    and worked solutions "0.8^0.5"; the book sets them as its prose does: CO₂ after a
    slash too, m², 10⁴, and an exponent as a superscript."""
    app, warnings = build_page(UNITS_OF_FACTORS)
    assert warnings == ""
    page = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    paragraph = next(p for p in page.select("p") if "Grid power" in p.get_text())
    text = paragraph.get_text()
    assert [formula.get_text() for formula in paragraph.select(".hb-formula")] == \
        ["CO2", "CO2e", "CH4", "CO2"]
    assert "kg CO2/kWh" in text and "kg CO2e/kg CH4" in text and "non-CO2" in text
    assert "10000 m²/ha" in text and "0.01 km²" in text and "10⁴ m²" in text
    assert "3 m³" in text and "model M2" in text
    assert paragraph.select_one("code").get_text() == "area_m2.csv"
    powers = next(p for p in page.select("p") if "The flow falls" in p.get_text())
    assert [str(sup) for sup in powers.select("sup")] == ["<sup>−0.05 t</sup>", "<sup>0.5</sup>"]
    assert powers.select_one("code").get_text() == "x^2"
    app, warnings = build_page(UNITS_OF_FACTORS, "latex")
    assert warnings == ""
    tex = " ".join(next(app.outdir.glob("*.tex")).read_text().split())
    assert r"kg \texorpdfstring{CO\textsubscript{2}}{CO2}/kWh" in tex
    assert "10⁴" in tex and "km²" in tex and "m²/ha" in tex
    assert r"e$^{\text{−0.05 t}}$" in tex and r"0.8$^{\text{0.5}}$" in tex


def test_formulas_have_subscripts_in_the_pdf_and_plain_text_in_its_outline(build_page):
    app, warnings = build_page(FORMULAS, "latex")
    assert warnings == ""
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\texorpdfstring{CO\textsubscript{2}}{CO2}" in tex
    assert r"\texorpdfstring{CO\textsubscript{2}e}{CO2e}" in tex
    assert r"\sphinxcode{\sphinxupquote{CO2}}" in tex


DRIFTS = """\
# Style

The color of the roof changes its behavior. The U.S. Department of Labor counts jobs.

Emissions were 4 t CO2-eq, then 3 t CO₂eq.

Soil 26-29 cm deep held 16-163% more in 2023-24; ISO 52120-1, NF T 51-800 and the Boeing
737-800 are names, an 18-year-old field is a word, and 26–29 cm is set right.

A quoted title keeps its spelling.[^title]

[^title]: National Center for Data. *Gray Roofs Analyzed*. 2020.
"""


def test_american_spelling_co2e_notations_and_hyphenated_ranges_are_warnings_at_their_lines(build_page):
    _app, warnings = build_page(DRIFTS)
    found = re.findall(r"index\.md:(\d+): WARNING: house style: (.*?) \[handbook\.house-style\]",
                       warnings)
    assert found == [
        ("3", "British spelling, 'colour', not 'color'"),
        ("3", "British spelling, 'behaviour', not 'behavior'"),
        ("5", "write CO2-equivalent as 'CO2e', not 'CO2-eq'"),
        ("5", "write CO2-equivalent as 'CO2e', not 'CO₂eq'"),
        ("7", "a range of numbers takes an en dash, '26–29', not '26-29'"),
        ("7", "a range of numbers takes an en dash, '16–163', not '16-163'"),
        ("7", "a range of numbers takes an en dash, '2023–24', not '2023-24'"),
    ]
    assert len(warnings.strip().splitlines()) == 7


NAMED = """\
# Feed

:::{company-panel}
- name: CH4 Global
  url: https://www.ch4global.com
  description: Grows seaweed that cuts the CH4 of cattle.
:::

{company}`CH4 Global` and CH4 Global's farm cut CH4.

```{company-directory}
```
"""


def test_a_company_keeps_the_formula_in_its_name_as_it_writes_it(build_page):
    app, warnings = build_page(NAMED)
    assert warnings == ""
    page = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    formulas = [formula.get_text() for formula in page.select(".hb-formula")]
    # the description in the panel and in the directory, and the sentence; not the name
    assert formulas == ["CH4", "CH4", "CH4"]
    assert "CH4 Global" in page.select_one(".hb-company-panel strong").get_text()


APOSTROPHES = """\
# Apostrophes

China's grid is large, and its farmers' fields too.

```{case-study} China's grassland contracts
:region: China
:sector: Agriculture and food
:link: https://example.org/grassland

Herders' contracts set grazing limits.
```

Code keeps its text: `don't`. So does an address: <https://example.org/it's>.

```{case-study-index} sector
```
"""


def test_names_and_titles_get_the_texts_apostrophe_in_every_edition(build_page):
    """What smart quotes never see (lists made when the pages are written: the case-study
    index here, the directory and the answer key alike; the PDF's index entries) gets the
    apostrophe the text has."""
    app, warnings = build_page(APOSTROPHES)
    assert warnings == ""
    page = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert page.select_one(".hb-case-title").get_text(strip=True) == "China\u2019s grassland contracts"
    listed = page.select_one("dl.hb-case-index li").get_text(" ", strip=True)
    assert listed.startswith("China\u2019s grassland contracts (China)")
    assert "China\u2019s grid" in page.get_text() and "farmers\u2019 fields" in page.get_text()
    assert page.select_one("p code").get_text() == "don't"
    assert page.select_one("a[href='https://example.org/it\\'s']").get_text() == "https://example.org/it's"
    app, warnings = build_page(APOSTROPHES, "latex")
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert "China\u2019s grassland contracts" in tex and "China's grassland" not in tex


UNITS_PAGE = """\
# Units

A 70 MW plant keeps rooms at 21 °C; it replaced 2,000 kWh of gas, about 4 t CO2e, on
10 m² of roof. Two men and 3 women ran it in 2020 with version 1.5 of its software.
Code keeps its text: `70 MW`. A year's fuel is 1.584 × 10{sup}`9` MJ, or 1.6 × 10^9 MJ.
"""


def test_print_ties_each_figure_to_its_unit_and_the_web_keeps_the_space(build_page):
    """"70 MW" never parts at a line break on paper; the HTML edition reflows, and a unit
    symbol after a figure is all that is tied (not "3 women", not "2020 with")."""
    app, warnings = build_page(UNITS_PAGE, "latex")
    assert warnings == ""
    # LuaLaTeX sets U+00A0 as a space it never breaks at.
    tex = re.sub(r"[ \n]+", " ", next(app.outdir.glob("*.tex")).read_text())
    sentence = tex[tex.index("A 70"):tex.index("software.")]
    assert sentence == ("A 70\u00a0MW plant keeps rooms at 21\u00a0°C; it replaced 2,000\u00a0kWh "
                        "of gas, about 4\u00a0t \\texorpdfstring{CO\\textsubscript{2}e}{CO2e}, on "
                        "10\u00a0m² of roof. Two men and 3 women ran it in 2020 with version 1.5 "
                        "of its ")
    assert r"\sphinxcode{\sphinxupquote{70 MW}}" in tex
    # A power of ten is a figure too, as a superscript or as written with a caret.
    assert "10$^{\\text{9}}$\u00a0MJ, or" in tex
    assert tex.count("MJ") == 2 and " MJ" not in tex
    app, warnings = build_page(UNITS_PAGE)
    assert warnings == ""
    page = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert "A 70 MW plant keeps rooms at 21 °C" in page.select("p")[0].get_text()
