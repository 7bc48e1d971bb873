"""Our data file is a faithful transcription of Project Drawdown's table."""

import csv

import pytest
from conftest import REPO, UPSTREAM, needs_upstream
from handbook.common.drawdown_data import DrawdownDataError, load_solutions

UPSTREAM_TABLE = UPSTREAM / "drawdown-solutions-table.csv"
OURS = REPO / "data" / "drawdown-solutions.csv"


def upstream_rows() -> list[list[str]]:
    # The upstream file is UTF-8 with one Windows-1252 apostrophe (byte 0x92).
    text = UPSTREAM_TABLE.read_bytes().decode("utf-8", errors="surrogateescape")
    text = text.replace("\udc92", "\u2019")
    rows = list(csv.reader(text.splitlines()))
    return rows[2:]  # header, then the totals row, which is not a solution


@needs_upstream
def test_every_upstream_solution_is_transcribed_with_its_figures():
    ours = load_solutions(OURS)
    upstream = upstream_rows()
    assert len(ours) == len(upstream) == 93
    for name, sectors, s1, s2 in upstream:
        solution = ours[name.strip()]
        # Upstream lists Seaweed Farming's one sector twice; we list it once (a correction
        # the "Solutions at a glance" page states).
        assert solution.sectors == tuple(dict.fromkeys(s.strip() for s in sectors.split(" / ")))
        assert solution.scenario_1 == (float(s1) if s1.strip() else None)
        assert solution.scenario_2 == (float(s2) if s2.strip() else None)


def test_the_misencoded_name_is_repaired():
    assert "Indigenous Peoples\u2019 Forest Tenure" in load_solutions(OURS)


def test_a_bad_figure_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("solution,sectors,scenario_1_gt,scenario_2_gt\nA,Buildings,1,2\nB,Buildings,lots,2\n")
    with pytest.raises(DrawdownDataError, match=r"bad.csv:3: 'lots' is not a number"):
        load_solutions(bad)


def test_a_duplicate_solution_names_file_and_line(tmp_path):
    bad = tmp_path / "dup.csv"
    bad.write_text("solution,sectors,scenario_1_gt,scenario_2_gt\nA,Buildings,1,2\nA,Buildings,1,2\n")
    with pytest.raises(DrawdownDataError, match=r"dup.csv:3: 'A' is listed twice"):
        load_solutions(bad)


def test_a_sector_listed_twice_names_file_and_line(tmp_path):
    bad = tmp_path / "twice.csv"
    bad.write_text("solution,sectors,scenario_1_gt,scenario_2_gt\nA,Buildings,1,2\n"
                   "Seaweed Farming,Coastal and Ocean Sinks; Coastal and Ocean Sinks,2.5,4.72\n")
    with pytest.raises(DrawdownDataError, match=r"twice.csv:3: 'Seaweed Farming' lists a sector "
                                                 r"twice"):
        load_solutions(bad)


def test_our_data_file_lists_seaweed_farming_under_one_sector():
    assert load_solutions(OURS)["Seaweed Farming"].sectors == ("Coastal and Ocean Sinks",)


def test_each_solution_has_one_home_sector_which_is_its_part_of_the_book():
    solutions = load_solutions(OURS)
    assert solutions["Solar Hot Water"].home_sector == "Buildings"  # "Electricity; Buildings"
    assert solutions["Reduced Food Waste"].home_sector == "Food, Agriculture, and Land Use"
    homes = {}
    for solution in solutions.values():
        homes[solution.home_sector] = homes.get(solution.home_sector, 0) + 1
    # The parts as planned: 16 Buildings chapters, 20 Electricity, 19 food and land, 13
    # transport, 8 industry, 17 in the last five parts.
    assert homes == {"Buildings": 16, "Electricity": 20, "Food, Agriculture, and Land Use": 19,
                     "Transportation": 13, "Industry": 8, "Land Sinks": 11,
                     "Coastal and Ocean Sinks": 3, "Engineered Sinks": 1,
                     "Health and Education": 1, "Other Energy": 1}
