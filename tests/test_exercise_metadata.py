"""Exercise metadata (difficulty, minutes, kind, objectives) and declared answers: shown,
kept for the answer key, and checked at their lines."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
import zipfile

import pytest
from bs4 import BeautifulSoup
from handbook.exercise_metadata import answers_of, parse_answer

EXTENSIONS = ["myst_parser", "sphinx_design", "sphinx_exercise", "sphinx_togglebutton", "handbook"]

OBJECTIVES = """# Heat

:::{admonition} Learning objectives
After reading this chapter, you should be able to:

- explain what a COP is;
- calculate the heat a pump delivers.
:::

"""


def exercise(options: str, answer: str = ":answer: 3,000 kWh", body: str = "3,000 kWh.") -> str:
    return (OBJECTIVES + ":::{exercise} Heat from a pump\n:label: ex-heat-1\n" + options
            + "\nA pump with a COP of 3 uses 1,000 kWh. How much heat does it deliver?\n:::\n\n"
            + f":::{{solution}} ex-heat-1\n:class: dropdown\n{answer}\n\n"
            + f"Heat = 3 × 1,000 kWh = {body}\n:::\n")


def test_metadata_line_under_the_title_and_answers_kept(build_page):
    page = exercise(":difficulty: 2\n:minutes: 15\n:kind: calculation\n:objectives: 2",
                    answer=":answer: 3,000 kWh\n:tolerance: 5%")
    app, warnings = build_page(page, extensions=EXTENSIONS)
    assert "WARNING" not in warnings, warnings
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    line = soup.select_one("div.exercise p.hb-exercise-meta")
    assert line is not None
    assert [badge.get_text() for badge in line.select(".hb-meta")] == \
        ["Level 2 of 3", "about 15 min", "Calculation", "Objective 2"]
    answers, tolerance = answers_of(app.env)["index"]["ex-heat-1"]
    assert [(a.value, a.unit) for a in answers] == [(3000.0, "kWh")] and tolerance == 5.0


def test_metadata_line_in_the_pdf(build_page):
    app, warnings = build_page(exercise(":difficulty: 1\n:minutes: 5\n:kind: data\n:objectives: 1, 2"),
                               "latex", extensions=EXTENSIONS)
    assert "WARNING" not in warnings, warnings
    tex = (app.outdir / "test.tex").read_text()
    assert "Level 1 of 3" in tex and "about 5 min" in tex and "Objectives 1, 2" in tex


@pytest.mark.parametrize("options, message", [
    (":difficulty: 4", ":difficulty: '4' is not 1, 2 or 3"),
    (":minutes: quarter of an hour", ":minutes: 'quarter of an hour' is not a whole number"),
    (":kind: essay", ":kind: 'essay' is not one of: calculation, design, economics"),
    (":objectives: 3", ":objectives: '3' must name objectives 1 to 2"),
    (":objectives: two", ":objectives: 'two' must name objectives 1 to 2"),
])
def test_bad_metadata_is_a_warning_at_the_exercise(build_page, options, message):
    app, warnings = build_page(exercise(options), extensions=EXTENSIONS)
    assert f"index.md:10: WARNING: exercise: {message}" in warnings, warnings
    assert warnings.count("WARNING") == 1, warnings
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert soup.select_one("div.exercise")  # the exercise itself stays


def test_an_answer_the_worked_solution_does_not_reach_is_a_warning(build_page):
    app, warnings = build_page(exercise("", answer=":answer: 4,000 kWh"), extensions=EXTENSIONS)
    assert ("index.md:16: WARNING: solution: the answer '4,000 kWh' is not in the worked "
            "solution's last paragraph (within 2%)") in warnings, warnings
    app, warnings = build_page(exercise("", answer=":answer: about three thousand"),
                               extensions=EXTENSIONS)
    assert "index.md:16: WARNING: solution: :answer: 'about three thousand' does not start " \
           "with a number" in warnings, warnings


def test_answers_are_kept_when_the_edition_prints_no_solution(build_page):
    app, warnings = build_page(exercise(""), extensions=EXTENSIONS, hide_solutions=True)
    assert "WARNING" not in warnings, warnings
    assert "ex-heat-1" in answers_of(app.env)["index"]
    assert "Heat = 3" not in (app.outdir / "index.html").read_text()


@pytest.mark.parametrize("text, value, unit", [
    ("6.75 m²·K/W", 6.75, "m²·K/W"), ("3,972 kWh", 3972.0, "kWh"), ("−1.48 Gt CO2e", -1.48, "Gt CO2e"),
    ("12%", 12.0, "%"), ("3.48 × 10¹⁰ MJ", 3.48e10, "MJ"), ("1.2 × 10⁻³ kg", 1.2e-3, "kg"),
])
def test_answers_are_a_number_and_a_unit(text, value, unit):
    answer = parse_answer(text)
    assert answer is not None and (answer.value, answer.unit) == (pytest.approx(value), unit)


def book_with_answers(second_answer: str = ":answer: 7.5 kW") -> dict[str, str]:
    chapter = exercise(":difficulty: 1") + (
        "\n:::{exercise} Size a pump\n:label: ex-heat-2\n\nA house loses 7.5 kW on the coldest "
        f"day. What pump output does it need?\n:::\n\n:::{{solution}} ex-heat-2\n{second_answer}\n\n"
        "At least 7.5 kW.\n:::\n")
    front = "---\ndrawdown_solution: High-Efficiency Heat Pumps\nsectors: [Electricity, Buildings]\n---\n"
    return {"index.md": "# Book\n\n```{toctree}\nbuildings/index\nanswers\n```\n",
            "buildings/index.md": "# Buildings\n\n```{toctree}\nheat\n```\n",
            "buildings/heat.md": front + chapter,
            "answers.md": "# Answers to the exercises\n\n```{answer-key}\n```\n"}


@pytest.mark.parametrize("edition, printed, left_out", [
    ("instructor", ["Exercise 1.1 (Heat from a pump): 3,000 kWh", "Exercise 1.2 (Size a pump): 7.5 kW"], []),
    ("public", ["Exercise 1.1 (Heat from a pump): 3,000 kWh"], ["7.5 kW"]),
    ("student", ["This edition prints no answers"], ["3,000 kWh", "7.5 kW"]),
])
def test_answer_key_prints_the_answers_the_edition_allows(build_book, edition, printed, left_out):
    app, warnings = build_book(book_with_answers(), extensions=EXTENSIONS,
                               handbook_edition=edition)
    assert "WARNING" not in warnings, warnings
    soup = BeautifulSoup((app.outdir / "answers.html").read_text(), "html.parser")
    text = " ".join(soup.body.get_text(" ").split())
    assert "Chapter 1: Heat" in text or edition == "student"
    for answer in printed:
        assert answer in text
    for answer in left_out:
        assert answer not in text
    assert "Heat = 3" not in text  # never the worked solution


def test_answer_key_follows_an_edited_answer(build_book, tmp_path):
    srcdir = tmp_path / "src"
    _, warnings = build_book(book_with_answers(), extensions=EXTENSIONS,
                             handbook_edition="instructor", srcdir=srcdir)
    assert "WARNING" not in warnings, warnings
    app, warnings = build_book(book_with_answers(":answer: 7.5 kilowatts"),
                               extensions=EXTENSIONS, handbook_edition="instructor", srcdir=srcdir)
    assert "WARNING" not in warnings, warnings
    text = BeautifulSoup((app.outdir / "answers.html").read_text(), "html.parser").get_text()
    assert "7.5\u00a0kilowatts" in text


@pytest.mark.parametrize("declared, printed", [
    ("1,200 GBP", "£1,200"), ("11.6 million USD", "$11.6\u00a0million"),
    ("417 GBP per t of yearly capacity", "£417 per t of yearly capacity"),
    ("−5 EUR a year", "−€5 a year"), ("-600 kWh", "−600\u00a0kWh"), ("17.9 kWh", "17.9\u00a0kWh"),
    ("80%", "80%"),
    ("3.48 × 10¹⁰ MJ", "3.48\u00a0×\u00a010¹⁰\u00a0MJ"),
])
def test_answer_key_prints_money_as_the_text_does_and_a_number_with_its_unit(
        build_book, declared, printed):
    """A declared answer starts with its number ("1,200 GBP"); the key prints it as the
    worked solution does ("£1,200"), and no line breaks between a number and its unit."""
    pages = book_with_answers(f":answer: {declared}")
    pages["buildings/heat.md"] = pages["buildings/heat.md"].replace(
        "At least 7.5 kW.", f"At least {declared}.")
    app, warnings = build_book(pages, extensions=EXTENSIONS, handbook_edition="instructor")
    assert "WARNING" not in warnings, warnings
    text = BeautifulSoup((app.outdir / "answers.html").read_text(), "html.parser").get_text()
    assert f"Exercise 1.2 (Size a pump): {printed}\n" in text


def test_quizzes_for_learning_platforms_hold_each_declared_answer(build_book, tmp_path):
    courses, lms = tmp_path / "courses", tmp_path / "lms"
    courses.mkdir()
    (courses / "heat-course.yml").write_text("title: Heat at home\nchapters:\n  - buildings/heat\n")
    pages = book_with_answers(":answer: 7.5 kW\n:tolerance: 4%")
    pages["index.md"] += "\n```{toctree}\n:glob:\n\n_generated/courses/*\n```\n"
    app, warnings = build_book(pages, "dummy",
                               extensions=EXTENSIONS, handbook_lms_dir=str(lms),
                               handbook_courses_dir=str(courses))
    assert "WARNING" not in warnings, warnings
    expected = [("Exercise 1.1 (Heat from a pump)", 3000.0, 2.0),
                ("Exercise 1.2 (Size a pump)", 7.5, 4.0)]
    for name in ("chapters/heat", "courses/heat-course"):
        with zipfile.ZipFile(lms / f"{name}.qti.zip") as package:
            manifest = ElementTree.fromstring(package.read("imsmanifest.xml"))
            files = [f.get("href") for f in manifest.iter() if f.tag.endswith("file")]
            assessment = next(f for f in files if f.endswith(".xml") and "meta" not in f)
            items = [i for i in ElementTree.fromstring(package.read(assessment)).iter()
                     if i.tag.endswith("item")]
        assert [item.get("title") for item in items] == [title for title, _, _ in expected]
        for item, (_, value, tolerance) in zip(items, expected):
            bounds = {b.tag.split("}")[-1]: float(b.text) for b in item.iter()
                      if b.tag.endswith(("vargte", "varlte"))}
            assert bounds == pytest.approx({"vargte": value * (1 - tolerance / 100),
                                            "varlte": value * (1 + tolerance / 100)})
            text = " ".join(t.text or "" for t in item.iter() if t.tag.endswith("mattext"))
            assert "Heat = 3" not in text and "At least" not in text  # never the solution
        moodle = ElementTree.parse(lms / f"{name}.moodle.xml").getroot()
        questions = moodle.findall("question[@type='numerical']")
        assert [(q.findtext("name/text"), float(q.findtext("answer/text")),
                 float(q.findtext("answer/tolerance"))) for q in questions] == \
            [(title, value, pytest.approx(value * tolerance / 100))
             for title, value, tolerance in expected]
        assert "How much heat does it deliver?" in questions[0].findtext("questiontext/text")
