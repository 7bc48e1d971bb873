"""Company directory, case-study index, {company} role and JSON exports, across chapters."""

from __future__ import annotations

import json
import os
import re

import pytest
from bs4 import BeautifulSoup

INDEX = """\
# Book

```{toctree}
heat-pumps
cooling
companies
case-studies
```
"""
DIRECTORY = "# Companies\n\n```{company-directory}\n```\n"
CASE_INDEX = ("# Case studies\n\n## By sector\n\n```{case-study-index} sector\n```\n\n"
              "## By country\n\n```{case-study-index} country\n```\n\n"
              "## By world region\n\n```{case-study-index} world-region\n```\n")


def panel(*companies: tuple[str, str, str]) -> str:
    entries = "".join(f"- name: {name}\n  url: {url}\n  description: {desc}\n"
                      for name, url, desc in companies)
    return f":::{{company-panel}}\n{entries}:::\n"


def case(title: str, region: str, sector: str, company: str = "") -> str:
    company_line = f":company: {company}\n" if company else ""
    return (f":::{{case-study}} {title}\n:region: {region}\n:sector: {sector}\n"
            f":link: https://example.org/{title.lower().replace(' ', '-')}\n{company_line}\n"
            f"What {title} did.\n:::\n")


DAIKIN = ("Daikin", "https://www.daikin.com", "Heat pumps and air conditioning.")
TRANE = ("Trane Technologies", "https://www.tranetechnologies.com", "Heating and cooling systems.")
CARRIER = ("Carrier", "https://www.carrier.com", "HVAC equipment.")


def book_pages(*, with_trane: bool = True) -> dict[str, str]:
    cooling_panel = [("DAIKIN ", DAIKIN[1], DAIKIN[2]), CARRIER] + ([TRANE] if with_trane else [])
    return {
        "index.md": INDEX,
        "heat-pumps.md": "# Heat Pumps\n\n" + panel(DAIKIN) + "\n"
                         + case("Altherma", "Europe", "Residential", "daikin")
                         + "\nSee {company}`Daikin`.\n",
        "cooling.md": "# Cooling\n\n" + panel(*cooling_panel) + "\n"
                      + case("Chiller plant", "United States", "Commercial", "Carrier")
                      + case("Office tower", "Europe", "Commercial"),
        "companies.md": DIRECTORY,
        "case-studies.md": CASE_INDEX,
    }


def directory_entries(app) -> dict[str, list[str]]:
    """Company name -> titles of the chapters it appears in, as the directory page shows."""
    soup = BeautifulSoup((app.outdir / "companies.html").read_text(), "html.parser")
    return {dt.get_text(): [a.get_text() for a in dt.find_next_sibling("dd").select(".hb-appears a")]
            for dt in soup.select("dl.hb-directory > dt")}


def test_directory_merges_names_differing_in_case_and_spacing(build_book):
    app, warnings = build_book(book_pages())
    assert warnings == ""
    assert directory_entries(app) == {
        "Carrier": ["Cooling"],
        "Daikin": ["Heat Pumps", "Cooling"],
        "Trane Technologies": ["Cooling"],
    }


def test_directory_entry_has_website_description_and_anchor(build_book):
    app, warnings = build_book(book_pages())
    assert warnings == ""
    soup = BeautifulSoup((app.outdir / "companies.html").read_text(), "html.parser")
    daikin = soup.find(id="company-daikin").find_parent("dt").find_next_sibling("dd")
    assert daikin.p.get_text() == DAIKIN[2]
    assert daikin.select_one(".hb-url a")["href"] == DAIKIN[1]
    assert daikin.select_one(".hb-appears a")["href"] == "heat-pumps.html#example-companies"


def test_company_role_links_to_the_directory_entry(build_book):
    app, warnings = build_book(book_pages())
    assert warnings == ""
    soup = BeautifulSoup((app.outdir / "heat-pumps.html").read_text(), "html.parser")
    link = soup.select_one("a.hb-company-ref")
    assert (link.get_text(), link["href"]) == ("Daikin", "companies.html#company-daikin")


def test_case_study_index_groups_by_sector_country_and_world_region(build_book):
    app, warnings = build_book(book_pages())
    assert warnings == ""
    soup = BeautifulSoup((app.outdir / "case-studies.html").read_text(), "html.parser")
    by_sector, by_country, by_region = soup.select("dl.hb-case-index")
    groups = lambda dl: {dt.get_text(): [a.get_text() for a in dt.find_next_sibling("dd").select("a")]
                         for dt in dl.select("dt")}
    assert groups(by_sector) == {"Commercial": ["Chiller plant", "Office tower"],
                                 "Residential": ["Altherma"]}
    assert groups(by_country) == {"United States": ["Chiller plant"]}
    assert groups(by_region) == {"Europe": ["Altherma", "Office tower"],
                                 "North America": ["Chiller plant"]}
    altherma = by_sector.find("a", string="Altherma")
    assert altherma["href"] == "heat-pumps.html#case-study-altherma-europe"


def test_json_exports_list_every_company_and_case_study(build_book):
    app, warnings = build_book(book_pages())
    assert warnings == ""
    companies = json.loads((app.outdir / "companies.json").read_text())
    assert [c["name"] for c in companies] == ["Carrier", "Daikin", "Trane Technologies"]
    daikin = companies[1]
    assert daikin == {"name": "Daikin", "url": DAIKIN[1], "description": DAIKIN[2],
                      "chapters": [{"title": "Heat Pumps", "url": "heat-pumps.html"},
                                   {"title": "Cooling", "url": "cooling.html"}]}
    studies = json.loads((app.outdir / "case-studies.json").read_text())
    assert studies[0] == {"title": "Altherma", "region": "Europe", "countries": [],
                          "world_regions": ["Europe"], "sector": "Residential",
                          "company": "daikin", "url": "https://example.org/altherma",
                          "chapter": {"title": "Heat Pumps",
                                      "url": "heat-pumps.html#case-study-altherma-europe"}}
    assert [s["title"] for s in studies] == ["Altherma", "Chiller plant", "Office tower"]


def test_conflicting_website_is_a_warning_naming_both_places(build_book):
    pages = book_pages()
    pages["cooling.md"] = "# Cooling\n\n" + panel(("Daikin", "https://daikin.example.org", DAIKIN[2]))
    _, warnings = build_book(pages)
    assert re.search(r"cooling.md:4: WARNING: company 'Daikin' has the website "
                     r"https://daikin.example.org here but https://www.daikin.com at "
                     r"\S*heat-pumps.md:4 \[handbook.company-conflict\]", warnings), warnings


def test_conflicting_description_is_a_warning_naming_both_places(build_book):
    pages = book_pages()
    pages["cooling.md"] = "# Cooling\n\n" + panel(("Daikin", DAIKIN[1], "Makes chillers."))
    _, warnings = build_book(pages)
    assert re.search(r"cooling.md:4: WARNING: company 'Daikin' is described as 'Makes chillers.' "
                     r"here but as 'Heat pumps and air conditioning.' at \S*heat-pumps.md:4",
                     warnings), warnings


def test_unknown_company_in_role_and_case_study_warn_with_line(build_book):
    pages = book_pages()
    pages["heat-pumps.md"] += "\nAlso {company}`Nobody Inc`.\n\n" + case(
        "Ghost", "South Asia", "Industrial", "Ghost Corp")
    _, warnings = build_book(pages)
    assert re.search(r"heat-pumps.md:\d+: WARNING: \{company\} 'Nobody Inc' is in no company panel "
                     r"of the book \[handbook.unknown-company\]", warnings), warnings
    assert re.search(r"heat-pumps.md:\d+: WARNING: case study company 'Ghost Corp' is in no "
                     r"company panel", warnings), warnings


def test_incremental_build_forgets_a_removed_company(build_book, tmp_path):
    srcdir = tmp_path / "book"
    app, warnings = build_book(book_pages(), srcdir=srcdir)
    assert warnings == ""
    assert "Trane Technologies" in directory_entries(app)
    # Remove Trane from its chapter and build again, without cleaning.
    cooling = srcdir / "cooling.md"
    cooling.write_text(book_pages(with_trane=False)["cooling.md"])
    later = cooling.stat().st_mtime + 10
    os.utime(cooling, (later, later))
    app.build()
    assert "Trane Technologies" not in directory_entries(app)
    names = [c["name"] for c in json.loads((app.outdir / "companies.json").read_text())]
    assert names == ["Carrier", "Daikin"]


def many_chapter_pages(count: int = 8) -> dict[str, str]:
    """Enough chapters for Sphinx to really read in parallel."""
    pages = {"index.md": "# Book\n\n```{toctree}\n" + "\n".join(
        [f"ch{i}" for i in range(count)] + ["companies", "case-studies"]) + "\n```\n",
        "companies.md": DIRECTORY, "case-studies.md": CASE_INDEX}
    for i in range(count):
        shared = ("Shared Co", "https://shared.example.org", "In every chapter.")
        own = (f"Company {i}", f"https://c{i}.example.org", f"Only in chapter {i}.")
        pages[f"ch{i}.md"] = (f"# Chapter {i}\n\n" + panel(own, shared) + "\n"
                              + case(f"Project {i}", ["Europe", "South Asia"][i % 2],
                                     ["Residential", "Industrial"][i % 3 == 0], "Shared Co"))
    return pages


@pytest.mark.parametrize("page", ["companies.json", "case-studies.json", "companies.html",
                                  "case-studies.html"])
def test_serial_and_parallel_builds_are_identical(build_book, tmp_path, page):
    serial, w1 = build_book(many_chapter_pages(), srcdir=tmp_path / "serial", parallel=1)
    serial.cleanup()  # unregister its nodes before a second app starts in this process
    parallel, w2 = build_book(many_chapter_pages(), srcdir=tmp_path / "parallel", parallel=2)
    assert w1 == w2 == ""
    assert (serial.outdir / page).read_bytes() == (parallel.outdir / page).read_bytes()


def test_latex_appendix_has_entries_and_page_references_that_resolve(build_book):
    app, warnings = build_book(book_pages(), "latex")
    assert warnings == ""
    tex = (app.outdir / "test.tex").read_text()
    directory = tex[tex.index("Companies"):tex.index("Case studies")]
    entries = re.findall(r"\\sphinxlineitem\{\\phantomsection\\label\{[^}]*\}\}(.*?)\}$",
                         directory, re.M)
    assert entries == ["Carrier", "Daikin", "Trane Technologies"]
    page_lists = [re.findall(r"\\detokenize\{([^}]*)\}", labels) for labels in re.findall(
        r"\\HandbookPages\{((?:\\detokenize\{[^}]*\},?)+)\}", tex)]
    # A company's places in each chapter (its panel entry, then its case studies), for the
    # PDF to list their pages; then each case study in the three groupings of the index.
    assert page_lists[:4] == [
        ["cooling:example-companies", "cooling:case-study-chiller-plant-united-states"],
        ["heat-pumps:example-companies", "heat-pumps:case-study-altherma-europe"],
        ["cooling:example-companies"], ["cooling:example-companies"]]
    assert len(page_lists) == 4 + 7
    pagerefs = {rf"\detokenize{{{label}}}" for labels in page_lists for label in labels}
    labels = set(re.findall(r"\\label\{(\\detokenize\{[^}]*\})\}", tex))
    assert set(pagerefs) <= labels
    assert "\\label{\\detokenize{companies:company-daikin}}" in tex
