"""The "At a glance" box: figures from the data file, checks of the front matter."""

import pytest
from bs4 import BeautifulSoup

CHAPTER = """\
---
drawdown_solution: {solution}
sectors: {sectors}
---

# A chapter

Opening paragraph.

## Overview

Text.
"""


def glance_facts(app) -> dict[str, str]:
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    box = soup.select_one("div.hb-glance")
    return {dt.get_text().strip(" :"): dt.find_next_sibling("dd").get_text().strip()
            for dt in box.select("dl dt")}


def test_box_shows_the_data_file_figures(build_page):
    app, warnings = build_page(CHAPTER.format(solution="High-Efficiency Heat Pumps",
                                              sectors="[Electricity, Buildings]"))
    assert warnings == ""
    assert glance_facts(app) == {"Sectors": "Electricity, Buildings",
                                 "Scenario 1": "4.04 Gt CO2e", "Scenario 2": "9.05 Gt CO2e"}


def test_box_comes_after_the_opening_paragraph(build_page):
    app, warnings = build_page(CHAPTER.format(solution="Clean Cooking", sectors="[Buildings]"))
    assert warnings == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    box = soup.select_one("div.hb-glance")
    assert box.find_previous_sibling("p").get_text() == "Opening paragraph."


def test_unmodelled_solution_is_not_shown_as_zero(build_page):
    app, warnings = build_page(CHAPTER.format(solution="Building Retrofitting",
                                              sectors="[Electricity, Buildings]"))
    assert warnings == ""
    facts = glance_facts(app)
    assert facts["Scenario 1"] == facts["Scenario 2"] == "not modelled by Project Drawdown"


def test_jobs_link_comes_from_the_company_panel(build_page):
    page = CHAPTER.format(solution="Clean Cooking", sectors="[Buildings]") + """
:::{company-panel}
:jobs: https://jobs.example.org/cooking

- name: Example Stoves
  url: https://stoves.example.org
  description: Clean cookstoves.
:::
"""
    app, warnings = build_page(page)
    assert warnings == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    link = soup.select_one("div.hb-glance dl a")
    assert link["href"] == "https://jobs.example.org/cooking"


@pytest.mark.parametrize("solution, sectors, expected, warning_type", [
    ("Heat Pumps", "[Buildings]",
     "index.md:2: WARNING: 'Heat Pumps' is not a Project Drawdown solution in", "unknown-solution"),
    ("High-Efficiency Heat Pumps", "[Buildings]",
     "index.md:3: WARNING: sectors Buildings disagree with Project Drawdown's Electricity; "
     "Buildings for 'High-Efficiency Heat Pumps'", "sector-mismatch"),
    ("High-Efficiency Heat Pumps", "Buildings",
     "index.md:3: WARNING: front matter 'sectors' must be a list of sector names", "front-matter"),
    ("[1, 2]", "[Buildings]",
     "index.md:2: WARNING: front matter 'drawdown_solution' must be a solution name", "front-matter"),
])
def test_front_matter_problems_name_file_and_line(build_page, solution, sectors, expected,
                                                   warning_type):
    _, warnings = build_page(CHAPTER.format(solution=solution, sectors=sectors))
    assert expected in warnings
    assert f"[handbook.{warning_type}]" in warnings


def test_unknown_solution_suggests_the_closest_name(build_page):
    _, warnings = build_page(CHAPTER.format(solution="High Efficiency Heat Pumps",
                                            sectors="[Buildings]"))
    assert "(did you mean 'High-Efficiency Heat Pumps'?)" in warnings


def test_missing_sectors_is_reported(build_page):
    page = "---\ndrawdown_solution: Clean Cooking\n---\n\n# A chapter\n\nText.\n"
    _, warnings = build_page(page)
    assert "index.md:2: WARNING: front matter has no 'sectors' (Drawdown lists Buildings)" in warnings
