"""Reference-grade sources: one bibliography, one table of factors, controlled places and
sectors. Each check is fed bad input and must answer with the file and line."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from bs4 import BeautifulSoup
from handbook.common import case_study_vocabulary as vocabulary
from sphinx.util.console import strip_escape_sequences

BIB = """\
@misc{iea2022heatpumps,
  author = {{International Energy Agency}},
  title = {The Future of Heat Pumps},
  year = {2022},
  url = {https://www.iea.org/reports/the-future-of-heat-pumps},
  urldate = {2026-12-03},
}

@article{doe2020paper,
  author = {Jane Doe},
  title = {A Paper},
  journal = {A Journal},
  year = {2020},
  doi = {10.1000/xyz123},
}
"""
FACTORS = """\
name,value,unit,covers,source
uk-grid-electricity-2023,0.20707,kg CO2e/kWh,"CO2e, UK grid electricity, 2023",doe2020paper
"""
APPENDIX = """\
# Units and factors

```{factor-table}
```

## Sources

:::{footbibliography}
:::
"""
CHAPTER = """\
# Heat pumps

```{toctree}
:hidden:

factors
```

Heat pumps met a tenth of heating demand {footcite:p}`iea2022heatpumps`, and the grid
factor is {factor}`uk-grid-electricity-2023` {footcite:p}`doe2020paper`.

## References

:::{footbibliography}
:::
"""


@pytest.fixture
def build_sources(make_app, rootdir, tmp_path):
    """Build the test-sources root with the given pages, refs.bib and factors.csv."""

    def build(pages: dict[str, str], bib: str = BIB, factors: str = FACTORS,
              builder: str = "html", **confoverrides):
        srcdir = tmp_path / "src"
        shutil.copytree(rootdir / "test-sources", srcdir, dirs_exist_ok=True)
        (srcdir / "refs.bib").write_text(bib, encoding="utf-8")
        (srcdir / "factors.csv").write_text(factors, encoding="utf-8")
        for name, text in {"factors.md": APPENDIX, **pages}.items():
            (srcdir / name).write_text(text, encoding="utf-8")
        app = make_app(builder, srcdir=srcdir, confoverrides={
            "handbook_factors_csv": str(srcdir / "factors.csv"), **confoverrides})
        app.build()
        return app, strip_escape_sequences(app.warning.getvalue())

    return build


def body(app, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(), "html.parser").select_one(
        "div.body")


def test_a_chapter_cites_where_it_claims_and_lists_its_sources(build_sources):
    app, warnings = build_sources({"index.md": CHAPTER})
    assert warnings == ""
    page = body(app)
    paragraph = page.find("p")
    assert len(paragraph.select("a.footnote-reference")) == 2
    assert "0.20707 kg CO2e/kWh" in paragraph.get_text()
    references = page.select_one("section#references")
    assert "The Future of Heat Pumps" in references.get_text()  # titles as published
    assert "https://www.iea.org/reports/the-future-of-heat-pumps" in references.get_text()
    assert "A Paper" in references.get_text()


def test_the_pdf_prints_sources_as_footnotes_without_an_empty_heading(build_sources):
    app, warnings = build_sources({"index.md": CHAPTER}, builder="latex")
    assert warnings == ""
    tex = (app.outdir / "test.tex").read_text()
    assert "section{References}" not in tex
    # The chapter's two sources, and the factors appendix's one.
    assert len(re.findall(r"\\begin\{footnote\}", tex)) == 3
    assert "the future of heat pumps" in tex.casefold()


def test_escaped_characters_in_a_title_print_as_themselves(build_sources):
    bib = BIB.replace("title = {A Paper}", r"title = {A \$23 Million R\&D Grant, 50\% Sooner}")
    app, warnings = build_sources({"index.md": CHAPTER}, bib=bib)
    assert warnings == ""
    assert "A $23 Million R&D Grant, 50% Sooner" in body(app).select_one("section#references").get_text()
    app, _ = build_sources({"index.md": CHAPTER}, bib=bib, builder="latex")
    assert r"A \$23 Million R\&D Grant, 50\% Sooner" in (app.outdir / "test.tex").read_text()


def test_a_printed_web_address_keeps_its_dashes(build_sources):
    """Smart quotes would print the "---" of an address as an em dash, and a reader who
    copied the address would get one that does not exist."""
    address = "https://www.iea.org/reports/the-future-of-heat-pumps---summary--2022"
    bib = BIB.replace("https://www.iea.org/reports/the-future-of-heat-pumps", address)
    chapter = CHAPTER + f"\nSee also <{address}>.\n"
    app, warnings = build_sources({"index.md": chapter}, bib=bib)
    assert warnings == ""
    shown = [link.get_text() for link in body(app).select("a.reference.external")
             if "heat-pumps" in link["href"]]
    assert shown and set(shown) == {address}


@pytest.mark.parametrize("citation", ["{footcite:p}`nokey`", "{footcite:t}`iea2022heatpump`",
                                      "{footcite:p}`iea2022heatpumps,missing2021`"])
def test_an_unknown_key_is_an_error_at_its_line(build_sources, citation):
    page = CHAPTER.replace("and the grid", f"and {citation} the grid")
    _, warnings = build_sources({"index.md": page})
    assert re.search(r"index.md:9: WARNING: could not find bibtex key", warnings), warnings


def test_an_entry_nothing_cites_is_reported_at_its_line(build_sources):
    page = CHAPTER.replace(" {footcite:p}`doe2020paper`", "")
    _, warnings = build_sources({"index.md": page}, factors=FACTORS.replace("doe2020paper",
                                                                            "iea2022heatpumps"))
    assert re.search(r"refs.bib:9: WARNING: entry 'doe2020paper' is cited nowhere in the book",
                     warnings), warnings


@pytest.mark.parametrize("change, line, message", [
    (("  doi = {10.1000/xyz123},\n", ""), 9, "entry 'doe2020paper' has neither a url nor a doi"),
    (("  urldate = {2026-12-03},\n", ""), 1, "entry 'iea2022heatpumps' is a web page without "
                                            "the date it was read on"),
    (("https://www.iea.org/reports/the-future-of-heat-pumps", "ftp://iea.org/x"), 1,
     "entry 'iea2022heatpumps': the URL 'ftp://iea.org/x' is not an http(s) address"),
])
def test_an_entry_a_reader_cannot_find_is_reported_at_its_line(build_sources, change, line,
                                                               message):
    _, warnings = build_sources({"index.md": CHAPTER}, bib=BIB.replace(*change))
    assert f"refs.bib:{line}: WARNING: {message}" in warnings, warnings


def test_one_source_under_two_keys_is_reported_at_the_second(build_sources):
    second = BIB + """
@misc{iea2022heat,
  author = {{IEA}},
  title = {The Future of Heat Pumps},
  year = {2022},
  url = {http://iea.org/reports/the-future-of-heat-pumps/},
  urldate = {2026-12-03},
}
"""
    page = CHAPTER.replace("{footcite:p}`doe2020paper`", "{footcite:p}`doe2020paper,iea2022heat`")
    _, warnings = build_sources({"index.md": page}, bib=second)
    assert "refs.bib:17: WARNING: entry 'iea2022heat' is the source 'iea2022heatpumps' already " \
           "is (at refs.bib:1): cite 'iea2022heatpumps' and remove this entry" in warnings, warnings


def test_one_report_at_two_addresses_is_one_source_but_two_pages_of_one_title_are_two(
        build_sources):
    copy = """
@misc{iea2022copy,
  author = {{International Energy Agency}},
  title = {The Future of Heat Pumps},
  year = {2022},
  url = {https://www.docslib.example/the-future-of-heat-pumps},
  urldate = {2026-12-03},
}

@misc{oecd2022heatpumps,
  author = {{OECD}},
  title = {The Future of Heat Pumps},
  year = {2022},
  url = {https://www.oecd.example/the-future-of-heat-pumps},
  urldate = {2026-12-03},
}
"""
    page = CHAPTER.replace("{footcite:p}`doe2020paper`",
                           "{footcite:p}`doe2020paper,iea2022copy,oecd2022heatpumps`")
    _, warnings = build_sources({"index.md": page}, bib=BIB + copy)
    assert "entry 'iea2022copy' is the source 'iea2022heatpumps' already is" in warnings, warnings
    assert "oecd2022heatpumps" not in warnings, warnings


def test_a_duplicate_entry_is_reported_once_at_its_line(build_sources):
    duplicate = BIB + "\n@misc{IEA2022heatpumps,\n  title = {Again},\n  year = {2022},\n" \
                      "  url = {https://example.org},\n  urldate = {2026-12-03},\n}\n"
    _, warnings = build_sources({"index.md": CHAPTER}, bib=duplicate)
    assert "refs.bib:17: WARNING: entry 'IEA2022heatpumps' is given twice (first at " \
           "refs.bib:1)" in warnings, warnings
    assert all(re.match(r"\S+:\d+: ", line) for line in warnings.splitlines() if line), warnings


def test_the_bibliography_directive_is_refused(build_sources):
    page = CHAPTER.replace(":::{footbibliography}", ":::{bibliography}")
    _, warnings = build_sources({"index.md": page})
    assert "index.md:14: WARNING: the bibliography directive is not allowed in chapters" in warnings


@pytest.mark.parametrize("name", ["uk-grid-2023", "us-grid-electricity-2022", "0.4"])
def test_an_unknown_factor_is_an_error_at_its_line(build_sources, name):
    page = CHAPTER + f"\nA factor: {{factor}}`{name}`.\n"
    app, warnings = build_sources({"index.md": page})
    assert f"index.md:17: WARNING: factor '{name}' is not in the factors table" in warnings, \
        warnings


def test_an_unused_factor_is_reported_at_its_line_in_the_table(build_sources):
    factors = FACTORS + "gas-2023,0.18293,kg CO2e/kWh,\"CO2e, gas\",doe2020paper\n"
    _, warnings = build_sources({"index.md": CHAPTER}, factors=factors)
    assert "factors.csv:3: WARNING: factor 'gas-2023' is used nowhere in the book" in warnings


def test_a_partial_book_can_leave_sources_and_factors_unused(build_sources):
    """The fuzzer and the benchmark build a few chapters with the book's configuration."""
    page = CHAPTER.replace(" {footcite:p}`doe2020paper`", "")
    factors = FACTORS + "gas-2023,0.18293,kg CO2e/kWh,\"CO2e, gas\",iea2022heatpumps\n"
    _, warnings = build_sources({"index.md": page}, factors=factors.replace(
        "doe2020paper", "iea2022heatpumps"), handbook_check_unused=False)
    assert warnings == ""


@pytest.mark.parametrize("row, message", [
    ("gas,lots,kg,\"CO2e\",doe2020paper", "factor 'gas': 'lots' is not a number"),
    ("gas,1.0,kg,,doe2020paper", "factor 'gas' is missing covers"),
    ("Gas 2023,1.0,kg,\"CO2e\",doe2020paper", "factor name 'Gas 2023'"),
    ("uk-grid-electricity-2023,1.0,kg,\"CO2e\",doe2020paper", "is listed twice"),
])
def test_a_malformed_factor_row_is_reported_at_its_line(build_sources, row, message):
    _, warnings = build_sources({"index.md": CHAPTER}, factors=FACTORS + row + "\n")
    assert re.search(rf"factors.csv:3: WARNING: .*{re.escape(message)}", warnings), warnings


def test_the_factor_appendix_lists_each_factor_with_its_source(build_sources):
    app, warnings = build_sources({"index.md": CHAPTER})
    assert warnings == ""
    page = body(app, "factors")
    assert page.select_one("#factor-uk-grid-electricity-2023") is not None
    assert "0.20707 kg CO2e/kWh" in page.get_text()
    assert "a paper" in page.get_text().casefold()  # the factor's source, cited
    link = body(app).select_one("a[href$='#factor-uk-grid-electricity-2023']")
    assert link is not None and link.get_text() == "0.20707 kg CO2e/kWh"


CASE = """\
:::{{case-study}} {title}
:region: {region}
:sector: {sector}
:link: https://example.org

Text.
:::

"""


@pytest.mark.parametrize("region, suggestion", [
    ("USA", "United States"), ("UK", "United Kingdom"), ("united states", "United States"),
    ("Seatle, USA", "Seatle, United States"), ("Untied States", "United States"),
    ("Sub Saharan Africa", "Sub-Saharan Africa"), ("europe", "Europe"),
])
def test_a_region_outside_the_vocabulary_names_the_nearest_allowed(build_sources, region,
                                                                   suggestion):
    page = "# T\n\n" + CASE.format(title="Project", region=region, sector="Residential")
    _, warnings = build_sources({"index.md": page}, bib=BIB, factors="name,value,unit,covers,source\n")
    assert re.search(rf"index.md:4: WARNING: case-study 'Project' :region: .*did you mean "
                     rf"'{re.escape(suggestion)}'\?.*\[handbook.vocabulary\]", warnings), warnings


@pytest.mark.parametrize("sector, suggestion", [
    ("Households", "Residential"), ("Commercial and Public Buildings", "Commercial"),
    ("Manufacturing", "Industrial"), ("Urban networks", "Utilities and networks"),
    ("residential", "Residential"),
])
def test_a_sector_outside_the_vocabulary_names_the_nearest_allowed(build_sources, sector,
                                                                   suggestion):
    page = "# T\n\n" + CASE.format(title="Project", region="Denmark", sector=sector)
    _, warnings = build_sources({"index.md": page}, factors="name,value,unit,covers,source\n")
    assert re.search(rf"index.md:5: WARNING: case-study 'Project' :sector: .*did you mean "
                     rf"'{suggestion}'\?", warnings), warnings


def test_places_normalise_to_countries_and_world_regions():
    place = vocabulary.place("Copenhagen, Denmark; Kenya;Global")
    assert place.text == "Copenhagen, Denmark; Kenya; Global"
    assert [(c.name, c.iso) for c in place.countries] == [("Denmark", "DK"), ("Kenya", "KE")]
    assert place.world_regions == ("Europe", "Sub-Saharan Africa", "Global")
    assert vocabulary.place("Tanzania").countries[0].iso == "TZ"


def test_the_index_groups_once_and_the_export_carries_normalised_fields(build_book):
    cases = (CASE.format(title="A", region="United States", sector="Residential")
             + CASE.format(title="B", region="California, United States", sector="Commercial")
             + CASE.format(title="C", region="Europe", sector="Residential"))
    pages = {"index.md": "# Book\n\n```{toctree}\nchapter\nindex-page\n```\n",
             "chapter.md": "# Chapter\n\n" + cases,
             "index-page.md": "# Index\n\n## Country\n\n```{case-study-index} country\n```\n\n"
                              "## World region\n\n```{case-study-index} world-region\n```\n\n"
                              "## Sector\n\n```{case-study-index} sector\n```\n"}
    app, warnings = build_book(pages)
    assert warnings == ""
    index = BeautifulSoup((app.outdir / "index-page.html").read_text(), "html.parser")
    groups = [[term.get_text() for term in section.select("dt")]
              for section in index.select("section section")]
    assert groups == [["United States"], ["Europe", "North America"],
                      ["Commercial", "Residential"]]
    studies = json.loads((app.outdir / "case-studies.json").read_text())
    b = next(study for study in studies if study["title"] == "B")
    assert b["region"] == "California, United States"
    assert b["countries"] == [{"name": "United States", "iso": "US"}]
    assert b["world_regions"] == ["North America"] and b["sector"] == "Commercial"
