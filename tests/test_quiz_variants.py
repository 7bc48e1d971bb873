"""Quiz variants (``:variables:`` on an exercise, ``:formula:`` on its solution) and
multiple-choice questions: what the book prints, what the quizzes of ``make lms`` hold, and
the warnings at the line of a bad declaration."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from handbook.exercise_metadata import number_value

EXTENSIONS = ["myst_parser", "sphinx_design", "sphinx_exercise", "sphinx_togglebutton", "handbook"]
FRONT = "---\ndrawdown_solution: High-Efficiency Heat Pumps\nsectors: [Electricity, Buildings]\n---\n"

OBJECTIVES = """# Heat

:::{admonition} Learning objectives
After reading this chapter, you should be able to:

- explain what a COP is;
- calculate the heat a pump delivers.
:::

"""

STATEMENT = ("A pump with a COP of 3.0 uses 1,000 kWh of electricity in a winter. How much heat "
             "does it deliver, and how much of it comes from outside?")


def chapter(variables: str = ":variables: cop = 3.0 (2.5 to 4.0 step 0.5); "
                             "used = 1,000 kWh (800 to 1,600 step 100)",
            formula: str = ":formula: cop * used; (cop - 1) * used",
            answer: str = ":answer: 3,000 kWh; 2,000 kWh", extra: str = "") -> str:
    return (FRONT + OBJECTIVES + ":::{exercise} Heat from a pump\n:label: ex-heat-1\n"
            f"{variables}\n\n{STATEMENT}\n:::\n\n"
            f":::{{solution}} ex-heat-1\n:class: dropdown\n{answer}\n{formula}\n\n"
            "Heat = 3.0 × 1,000 kWh = 3,000 kWh, of which 3,000 − 1,000 = 2,000 kWh.\n:::\n"
            + extra)


MULTIPLE_CHOICE = """
:::{multiple-choice} Why does a heat pump deliver more heat than the electricity it uses?
:label: mc-heat-1
:objectives: 1

- It burns the electricity more efficiently than a heater.
- [x] It moves heat from outside rather than making it.
- [ ] It stores heat from the night before.
:::
"""


def book(chapter_text: str) -> dict[str, str]:
    return {"index.md": "# Book\n\n```{toctree}\nbuildings/index\n```\n",
            "buildings/index.md": "# Buildings\n\n```{toctree}\nheat\n```\n",
            "buildings/heat.md": chapter_text}


def numbers_in(text: str) -> list[float]:
    return [number_value(n) for n in re.findall(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", text)]


def read_qti(path: Path) -> tuple[ElementTree.Element, ElementTree.Element]:
    """The package's manifest and its assessment."""
    with zipfile.ZipFile(path) as package:
        manifest = ElementTree.fromstring(package.read("imsmanifest.xml"))
        files = [f.get("href") for f in manifest.iter() if f.tag.endswith("file")]
        assessment = next(f for f in files if f.endswith(".xml") and "meta" not in f)
        return manifest, ElementTree.fromstring(package.read(assessment))


def local(element: ElementTree.Element) -> str:
    return element.tag.split("}")[-1]


def item_text(item: ElementTree.Element) -> str:
    return " ".join(BeautifulSoup(t.text or "", "html.parser").get_text(" ")
                    for t in item.iter() if local(t) == "mattext")


def build_quizzes(build_book, tmp_path: Path, chapter_text: str, count: int = 4) -> Path:
    lms = tmp_path / "lms"
    _, warnings = build_book(book(chapter_text), "dummy", extensions=EXTENSIONS,
                             handbook_lms_dir=str(lms), handbook_lms_variants=count)
    assert "WARNING" not in warnings, warnings
    return lms


def pattern_of(statement: str, bases: list[str]) -> re.Pattern:
    """The statement with each base value's number open: the numbers a variant printed."""
    pattern = re.escape(statement)
    for base in bases:
        pattern = pattern.replace(re.escape(base), r"([\d,.]+)", 1)
    return re.compile(pattern)


def test_variants_hold_other_numbers_and_the_formula_at_them(build_book, tmp_path):
    lms = build_quizzes(build_book, tmp_path, chapter(extra=MULTIPLE_CHOICE))
    manifest, assessment = read_qti(lms / "chapters" / "heat.qti.zip")
    assert any(local(r) == "resource" and r.get("type", "").startswith("imsqti")
               for r in manifest.iter())
    # Two question groups (one per answer), each of 4 variants, of which a student gets one.
    sections = [s for s in assessment.iter() if local(s) == "section" and s.get("ident") != "root_section"]
    assert len(sections) == 2
    printed = pattern_of(STATEMENT, ["3.0", "1,000"])
    formulas = [lambda cop, used: cop * used, lambda cop, used: (cop - 1) * used]
    for section, formula in zip(sections, formulas):
        picks = [e.text for e in section.iter() if local(e) == "selection_number"]
        assert picks == ["1"]
        items = [i for i in section.iter() if local(i) == "item"]
        assert len(items) == 4
        seen = set()
        for item in items:
            match = printed.search(" ".join(item_text(item).split()))
            assert match, item_text(item)
            cop, used = (number_value(n) for n in match.groups())
            assert (cop, used) != (3.0, 1000.0)  # never the book's own numbers
            seen.add((cop, used))
            bounds = {local(b): float(b.text) for b in item.iter() if local(b) in ("vargte", "varlte")}
            expected = formula(cop, used)
            assert bounds == pytest.approx({"vargte": expected * 0.98, "varlte": expected * 1.02})
        assert len(seen) == 4  # every variant has numbers of its own
    # Moodle: each answer's variants in a category of their own, then back to the chapter's.
    moodle = ElementTree.parse(lms / "chapters" / "heat.moodle.xml").getroot()
    categories = [q.findtext("category/text") for q in moodle.findall("question[@type='category']")]
    assert categories == ["$course$/Climate Solutions Handbook/Chapter 1: Heat",
                          "$course$/Climate Solutions Handbook/Chapter 1: Heat/"
                          "Exercise 1.1 (Heat from a pump), answer 1 of 2",
                          "$course$/Climate Solutions Handbook/Chapter 1: Heat",
                          "$course$/Climate Solutions Handbook/Chapter 1: Heat/"
                          "Exercise 1.1 (Heat from a pump), answer 2 of 2",
                          "$course$/Climate Solutions Handbook/Chapter 1: Heat"]
    numerical = moodle.findall("question[@type='numerical']")
    assert len(numerical) == 8
    for index, question in enumerate(numerical):
        cop, used = (number_value(n) for n in
                     printed.search(question.findtext("questiontext/text").replace("\n", " ")).groups())
        assert float(question.findtext("answer/text")) == pytest.approx(formulas[index // 4](cop, used))


def test_variants_are_the_same_in_every_build(build_book, tmp_path):
    first = build_quizzes(build_book, tmp_path / "a", chapter())
    second = build_quizzes(build_book, tmp_path / "b", chapter())
    assert (first / "chapters" / "heat.moodle.xml").read_bytes() == \
        (second / "chapters" / "heat.moodle.xml").read_bytes()


def test_the_book_prints_the_base_values_and_no_declaration(build_page):
    app, warnings = build_page(chapter(), extensions=EXTENSIONS)
    assert "WARNING" not in warnings, warnings
    text = " ".join(BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
                    .select_one("div.exercise").get_text(" ").split())
    assert "COP of 3.0 uses 1,000 kWh" in text
    assert "2.5 to 4.0" not in text and "cop" not in text


def test_multiple_choice_in_the_quizzes_has_its_right_option(build_book, tmp_path):
    lms = build_quizzes(build_book, tmp_path, chapter(extra=MULTIPLE_CHOICE))
    _, assessment = read_qti(lms / "chapters" / "heat.qti.zip")
    item = next(i for i in assessment.iter() if local(i) == "item" and i.get("title") == "Question 1.1")
    labels = {label.get("ident"): " ".join(item_text(label).split())
              for label in item.iter() if local(label) == "response_label"}
    right = [e.text for e in item.iter() if local(e) == "varequal"]
    assert len(labels) == 3 and len(right) == 1
    assert labels[right[0]] == "It moves heat from outside rather than making it."
    moodle = ElementTree.parse(lms / "chapters" / "heat.moodle.xml").getroot()
    [question] = moodle.findall("question[@type='multichoice']")
    assert question.findtext("name/text") == "Question 1.1"
    assert question.findtext("single") == "true" and question.findtext("shuffleanswers") == "1"
    assert [(a.findtext("text"), a.get("fraction")) for a in question.findall("answer")] == [
        ("It burns the electricity more efficiently than a heater.", "0"),
        ("It moves heat from outside rather than making it.", "100"),
        ("It stores heat from the night before.", "0")]


@pytest.mark.parametrize("edition, marked", [("public", False), ("student", False),
                                             ("instructor", True)])
def test_multiple_choice_prints_lettered_options_and_only_instructors_see_the_answer(
        build_book, edition, marked):
    app, warnings = build_book(book(chapter(extra=MULTIPLE_CHOICE)), extensions=EXTENSIONS,
                               handbook_edition=edition)
    assert "WARNING" not in warnings, warnings
    html = (app.outdir / "buildings" / "heat.html").read_text()
    box = BeautifulSoup(html, "html.parser").select_one("div.hb-multiple-choice")
    assert box["id"] == "mc-heat-1"
    assert " ".join(box.p.get_text(" ").split()).startswith(
        "Question 1.1 Why does a heat pump deliver more heat")
    options = box.select_one("ol.loweralpha")
    assert [" ".join(li.get_text(" ").split()) for li in options.select("li")][0] == \
        "It burns the electricity more efficiently than a heater."
    assert "[x]" not in html and "[ ]" not in html
    assert ("right answer" in html) is marked
    assert bool(box.select(".hb-right-answer")) is marked


def test_multiple_choice_in_the_pdf(build_book):
    app, warnings = build_book(book(chapter(extra=MULTIPLE_CHOICE)), "latex",
                               extensions=EXTENSIONS, handbook_edition="instructor")
    assert "WARNING" not in warnings, warnings
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert "Question 1.1" in tex and r"\sphinxsetlistlabels{\alph}" in tex and "(right answer)" in tex


def line_of(text: str, opening: str) -> int:
    return text.count("\n", 0, text.index(opening)) + 1


EXERCISE_LINE = line_of(chapter(), ":::{exercise}")
ANSWER_LINE = line_of(chapter(), ":::{solution}")


@pytest.mark.parametrize("variables, formula, line, message", [
    (":variables: cop 3.0", None, EXERCISE_LINE,
     "exercise: :variables: 'cop 3.0' is not 'name = base value (low to high step s)'"),
    (":variables: cop = 3.5 (2.5 to 4.0 step 0.5)", None, EXERCISE_LINE,
     "exercise: :variables: the base value '3.5' of 'cop' is not in the exercise's statement"),
    (":variables: cop = 3.0 (3.5 to 4.0 step 0.5); used = 1,000 kWh (800 to 1,600 step 100)",
     None, EXERCISE_LINE, "exercise: :variables: the range 3.5 to 4.0 of 'cop' does not "
                          "contain its base value 3.0"),
    (":variables: cop = 3.0 (2.5 to 4.0 step 0.25)", None, EXERCISE_LINE,
     "exercise: :variables: the step of 'cop' has more decimals than its base value 3.0"),
    ("", None, ANSWER_LINE,
     "solution: :formula: the exercise 'ex-heat-1' declares no (usable) :variables:"),
    (None, ":formula: cop * used * heat; (cop - 1) * used", ANSWER_LINE,
     "solution: :formula: 'cop * used * heat' uses 'heat', which is not a variable"),
    (None, ":formula: cop * used", ANSWER_LINE,
     "solution: :formula: 1 formulas for 2 answers"),
    (None, ":formula: cop * used; cop * used", ANSWER_LINE,
     "solution: :formula: 'cop * used' gives 3000 at the base values, not the answer "
     "'2,000 kWh' (within 2%)"),
    (None, ":formula: __import__('os').getcwd(); -", ANSWER_LINE,
     "solution: :formula: \"__import__('os').getcwd()\" may hold only + - * / **"),
    (None, ":formula: cop * used +; -", ANSWER_LINE,
     "solution: :formula: 'cop * used +' is not a formula"),
])
def test_bad_variables_or_formula_is_a_warning_at_its_line(build_book, variables, formula,
                                                            line, message):
    options = {key: value for key, value in (("variables", variables), ("formula", formula))
               if value is not None}
    text = chapter(**options)
    app, warnings = build_book(book(text), extensions=EXTENSIONS)
    assert f"heat.md:{line}: WARNING: {message}" in warnings, warnings
    assert "Traceback" not in warnings
    assert app.env  # built


@pytest.mark.parametrize("options, message", [
    ("- [x] It moves heat.", "it has 1 option, and a question needs at least 2"),
    ("- It moves heat.\n- It makes heat.", "0 options are marked right with '[x]'"),
    ("- [x] It moves heat.\n- [x] It makes heat.", "2 options are marked right with '[x]'"),
    ("It moves heat.", "give the options as one list"),
])
def test_bad_multiple_choice_is_a_warning_at_its_line(build_book, options, message):
    text = chapter(extra=f"\n:::{{multiple-choice}} Why?\n\n{options}\n:::\n")
    line = line_of(text, ":::{multiple-choice}")
    _, warnings = build_book(book(text), extensions=EXTENSIONS)
    assert f"heat.md:{line}: WARNING: multiple-choice: {message}" in warnings, warnings


def test_multiple_choice_objective_must_be_the_chapters(build_book):
    text = chapter(extra=MULTIPLE_CHOICE.replace(":objectives: 1", ":objectives: 4"))
    line = line_of(text, ":::{multiple-choice}")
    _, warnings = build_book(book(text), extensions=EXTENSIONS)
    assert (f"heat.md:{line}: WARNING: multiple-choice: :objectives: '4' must name "
            "objectives 1 to 2") in warnings, warnings
