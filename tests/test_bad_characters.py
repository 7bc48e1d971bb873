"""Bad bytes and characters in a chapter, and sphinx-exercise's mistakes, located.

Part of the bad-input corpus (with test_bad_input.py and test_untrusted_content.py):
a source that is not UTF-8, NUL and bidirectional controls, invisible characters in
names and titles, a solution to an exercise that does not exist, a second '# ' title.
Each must be a warning with the file and line a contributor can go to, never a
traceback, and the bad character must not reach the page.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from handbook.common.characters import comparable, refused_characters
from handbook.common.company_key import company_key

CRASHES = ("Traceback", "Encoding error", "Extension error", "Exception occurred")
EXERCISE_EXTENSIONS = ["myst_parser", "sphinx_design", "sphinx_exercise", "sphinx_togglebutton",
                       "handbook"]


def html_of(app, page: str = "index") -> str:
    return (app.outdir / f"{page}.html").read_text(encoding="utf-8")


def body_text(app, page: str = "index") -> str:
    soup = BeautifulSoup(html_of(app, page), "html.parser")
    return soup.select_one("div.body").get_text(" ")


def build_bytes(build_book, tmp_path, files: dict[str, bytes], **options):
    """Build a book whose pages are given as bytes (build_book writes text as UTF-8)."""
    srcdir = tmp_path / "src"
    for name, data in files.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_bytes(data)
    return build_book({}, srcdir=srcdir, **options)


def assert_no_crash(warnings: str) -> None:
    assert not any(crash in warnings for crash in CRASHES), warnings


# -- 1. sources that are not UTF-8 ------------------------------------------------------------
ENCODING_CASES = {
    "latin-1 byte in a paragraph": (
        b"# T\n\nCaf\xe9 au lait.\n", 3,
        "byte 0xE9 is not UTF-8: 'Caf>>>\\xe9<<< au lait.'", "Caf\ufffd au lait."),
    "cp1252 quotes in the title": (
        b"# The \x93best\x94 pump\n\nText.\n", 1,
        "byte 0x93 is not UTF-8: '# The >>>\\x93<<<best\ufffd pump' (and 1 more in the file)",
        "The \ufffdbest\ufffd pump"),
    "truncated sequence deep in the file": (
        b"# T\n\n" + b"Line.\n" * 20 + b"Euro \xe2\x82 sign.\n", 23,
        "bytes 0xE2 0x82 are not UTF-8: 'Euro >>>\\xe2\\x82<<< sign.'", "Euro \ufffd sign."),
    "in the front matter": (
        b"---\ndrawdown_solution: Clean Cooking\nsectors: [Buildings]\nnote: na\xefve\n---\n\n"
        b"# T\n\nText.\n", 4,
        "byte 0xEF is not UTF-8: 'note: na>>>\\xef<<<ve'", "At a glance"),
}


@pytest.mark.parametrize("source, line, expected, shown", ENCODING_CASES.values(),
                         ids=ENCODING_CASES.keys())
def test_a_byte_that_is_not_utf8_is_one_located_warning(build_book, tmp_path, source, line,
                                                       expected, shown):
    app, warnings = build_bytes(build_book, tmp_path, {"index.md": source})
    assert (f"index.md:{line}: WARNING: undecodable source characters: {expected}; read as "
            "U+FFFD REPLACEMENT CHARACTER, save the file as UTF-8 [handbook.encoding]"
            in warnings), warnings
    assert warnings.count("WARNING") == 1, warnings
    assert_no_crash(warnings)
    # The build carried on: the page is there, with U+FFFD in place of the bad bytes
    # (the front matter was read too: its chapter has its "At a glance" box).
    assert shown in body_text(app)


CHAPTER_WITH_BAD_BYTE = (b"---\ndrawdown_solution: Clean Cooking\nsectors: [Buildings]\n---\n\n"
                         b"# Clean cooking\n\nStoves for caf\xe9s.\n")


@pytest.mark.parametrize("parallel", [0, 2])
def test_a_chapter_read_by_sphinx_and_by_us_is_reported_once(build_book, tmp_path, parallel):
    # The course list, the PDF's font hint and the "At a glance" box read the chapter
    # too; only Sphinx's reading reports it. Six more chapters make -j 2 really parallel.
    chapters = ["buildings/cooking"] + [f"buildings/other-{n}" for n in range(6)]
    files = {"index.md": ("# Book\n\n```{toctree}\n" + "\n".join(chapters) + "\n```\n").encode(),
             "buildings/cooking.md": CHAPTER_WITH_BAD_BYTE,
             "buildings/other-3.md": b"# Other 3\n\nA \xff byte.\n"}
    for n in (0, 1, 2, 4, 5):
        files[f"buildings/other-{n}.md"] = f"# Other {n}\n\nText.\n".encode()
    app, warnings = build_bytes(build_book, tmp_path, files, parallel=parallel)
    assert re.findall(r"\S+\.md:\d+: WARNING: .*\[handbook.encoding\]", warnings) == [
        f"{app.srcdir / 'buildings' / 'cooking.md'}:8: WARNING: undecodable source characters: "
        "byte 0xE9 is not UTF-8: 'Stoves for caf>>>\\xe9<<<s.'; read as U+FFFD REPLACEMENT "
        "CHARACTER, save the file as UTF-8 [handbook.encoding]",
        f"{app.srcdir / 'buildings' / 'other-3.md'}:3: WARNING: undecodable source characters: "
        "byte 0xFF is not UTF-8: 'A >>>\\xff<<< byte.'; read as U+FFFD REPLACEMENT CHARACTER, "
        "save the file as UTF-8 [handbook.encoding]"]
    assert warnings.count("WARNING") == 2, warnings
    assert_no_crash(warnings)
    assert "At a glance" in body_text(app, "buildings/cooking")


def test_an_included_file_that_is_not_utf8_stays_an_error(build_book, tmp_path):
    files = {"index.md": b"# T\n\n```{include} part.txt\n```\n", "part.txt": b"One\nCaf\xe9\n"}
    app, warnings = build_bytes(build_book, tmp_path, files)
    assert re.search(r"index.md:3: (CRITICAL|ERROR|WARNING): .*include.*error reading file",
                     warnings), warnings
    assert_no_crash(warnings)
    assert "Caf" not in body_text(app)


@pytest.mark.parametrize("course, line", [
    (b"title: Heating caf\xe9\nchapters:\n  - buildings/cooking\n", 1),
    (b"title: Heating\nsubtitle: A \xe9 course\ninstructor: A. Teacher\nchapters:\n"
     b"  - buildings/cooking\n", 2),
])
def test_a_course_file_that_is_not_utf8_is_a_located_warning(build_book, tmp_path, course, line):
    courses = tmp_path / "courses"
    courses.mkdir()
    (courses / "heating.yml").write_bytes(course)
    files = {"index.md": b"# Book\n\n```{toctree}\nbuildings/cooking\n_generated/courses/heating\n"
                         b"```\n",
             "buildings/cooking.md": CHAPTER_WITH_BAD_BYTE.replace(b"\xe9", b"e")}
    app, warnings = build_bytes(build_book, tmp_path, files, handbook_courses_dir=str(courses))
    assert re.search(rf"courses/heating.yml:{line}: WARNING: undecodable source characters: byte "
                     r"0xE9 is not UTF-8: .*\[handbook.encoding\]", warnings), warnings
    assert warnings.count("WARNING") == 1, warnings
    assert_no_crash(warnings)
    assert "Heating" in body_text(app, "_generated/courses/heating")


def test_a_data_file_that_is_not_utf8_is_a_located_warning(build_book, tmp_path):
    data = tmp_path / "drawdown.csv"
    data.write_bytes(b"solution,sectors,scenario_1_gt,scenario_2_gt\n"
                     b"High-Efficiency Heat Pumps,Electricity; Buildings,4.04,9.05\n"
                     b"Clean Cooking \xb7 stoves,Buildings,31.38,76.34\n")
    _, warnings = build_book({"index.md": "# T\n\nText.\n"}, handbook_drawdown_csv=str(data))
    assert ("drawdown.csv:3: WARNING: undecodable source characters: byte 0xB7 is not UTF-8: "
            "'Clean Cooking >>>\\xb7<<< stoves,Buildings,31.38,76.34'" in warnings), warnings
    assert_no_crash(warnings)


# -- 2. sphinx-exercise: solutions to unknown exercises, labels used twice --------------------
EXERCISE = ":::{exercise}\n:label: ex-cop\n\nWork out the COP.\n:::\n"  # 5 lines


def solution(target: str, text: str, label: str = "") -> str:
    label_line = f":label: {label}\n" if label else ""
    return f":::{{solution}} {target}\n{label_line}:class: dropdown\n\n{text}\n:::\n"


UNKNOWN_EXERCISE_CASES = {
    "no such label": (
        "# T\n\n" + EXERCISE + "\n" + solution("no-such-label", "Answer one."),
        [(9, "'no-such-label' is the label of no exercise in the book")], ["Answer one."]),
    "misspelt label": (
        "# T\n\n" + EXERCISE + "\n" + solution("ex-cpo", "Answer one."),
        [(9, "'ex-cpo' is the label of no exercise in the book")], ["Answer one."]),
    "label of a solution": (
        "# T\n\n" + EXERCISE + "\n" + solution("ex-cop", "Good answer.", "sol-cop") + "\n"
        + solution("sol-cop", "Answer two."),
        [(16, "'sol-cop' is the label of a solution, not of an exercise")], ["Answer two."]),
    "two on one page": (
        "# T\n\n" + solution("ex-one", "Answer one.") + "\n" + EXERCISE + "\n"
        + solution("ex-two", "Answer two."),
        [(3, "'ex-one' is the label of no exercise in the book"),
         (15, "'ex-two' is the label of no exercise in the book")],
        ["Answer one.", "Answer two."]),
}


@pytest.mark.parametrize("page, expected, left_out", UNKNOWN_EXERCISE_CASES.values(),
                         ids=UNKNOWN_EXERCISE_CASES.keys())
def test_solution_to_an_unknown_exercise_is_located_and_left_out(build_page, page, expected,
                                                                 left_out):
    app, warnings = build_page(page, extensions=EXERCISE_EXTENSIONS)
    for line, why in expected:
        target = why.split("'")[1]
        assert (f"index.md:{line}: WARNING: solution to {target!r}: {why}; the solution is left "
                "out [handbook.unknown-exercise]" in warnings), warnings
    assert warnings.count("WARNING") == len(expected), warnings
    assert "undefined label" not in warnings and ".rst" not in warnings
    text = body_text(app)
    assert "Work out the COP." in text or "ex-cop" not in page
    assert not any(answer in text for answer in left_out)


def test_solution_to_an_unknown_exercise_does_not_break_the_pdf(build_page):
    page = "# T\n\n" + EXERCISE + "\n" + solution("no-such-label", "Answer one.")
    app, warnings = build_page(page, "latex", extensions=EXERCISE_EXTENSIONS)
    assert "index.md:9: WARNING: solution to 'no-such-label'" in warnings, warnings
    assert_no_crash(warnings)
    assert "Answer one." not in (app.outdir / "test.tex").read_text()


@pytest.mark.parametrize("page, line, first_line, kind", [
    ("# T\n\n" + EXERCISE + "\n" + EXERCISE, 9, 3, "exercise"),
    ("# T\n\n" + EXERCISE + "\n" + solution("ex-cop", "A.", "sol-cop") + "\n"
     + solution("ex-cop", "B.", "sol-cop"), 16, 9, "solution"),
])
def test_a_label_used_twice_is_located_at_both_places(build_page, page, line, first_line, kind):
    _, warnings = build_page(page, extensions=EXERCISE_EXTENSIONS)
    label = "ex-cop" if kind == "exercise" else "sol-cop"
    assert re.search(rf"index.md:{line}: WARNING: {kind}: the label '{label}' is already used at "
                     rf"\S*index.md:{first_line}; this {kind} is left out "
                     r"\[handbook.duplicate-label\]", warnings), warnings
    assert warnings.count("WARNING") == 1, warnings


GATED = {
    "end of the other kind": (
        "# T\n\n```{exercise-start}\n:label: ex-g\n```\n\nBody.\n\n```{solution-end}\n```\n",
        [(3, "exercise-start has no exercise-end after it"),
         (9, "solution-end has no solution-start before it (at the same level)")]),
    "start never ended": (
        "# T\n\n```{exercise-start}\n:label: ex-g\n```\n\nBody.\n",
        [(3, "exercise-start has no exercise-end after it")]),
    "end without start": (
        "# T\n\nBody.\n\n```{exercise-end}\n```\n",
        [(5, "exercise-end has no exercise-start before it (at the same level)")]),
    "start twice": (
        "# T\n\n```{exercise-start}\n:label: ex-g\n```\n\n```{exercise-start}\n:label: ex-h\n```"
        "\n\nBody.\n\n```{exercise-end}\n```\n",
        [(3, "exercise-start has no exercise-end before the next start")]),
}


@pytest.mark.parametrize("builder", ["html", "latex"])
@pytest.mark.parametrize("page, expected", GATED.values(), ids=GATED.keys())
def test_gated_directives_that_do_not_pair_are_located(build_page, page, expected, builder):
    app, warnings = build_page(page, builder, extensions=EXERCISE_EXTENSIONS)
    for line, message in expected:
        assert (f"index.md:{line}: WARNING: {message}; it is left out [handbook.gated-exercise]"
                in warnings), warnings
    assert warnings.count("WARNING") == len(expected), warnings
    assert_no_crash(warnings)


def test_exercises_and_solutions_that_match_give_no_warning(build_page):
    page = ("# T\n\n" + EXERCISE + "\n" + solution("ex-cop", "The answer.") + "\n"
            "```{exercise-start}\n:label: ex-g\n```\n\nGated body.\n\n```{exercise-end}\n```\n")
    app, warnings = build_page(page, extensions=EXERCISE_EXTENSIONS)
    assert warnings == ""
    assert "The answer." in body_text(app) and "Gated body." in body_text(app)


# -- 3. invisible characters in names and titles ----------------------------------------------
INVISIBLE = {
    "\u200b": "U+200B ZERO WIDTH SPACE",
    "\u200c": "U+200C ZERO WIDTH NON-JOINER",
    "\u200d": "U+200D ZERO WIDTH JOINER",
    "\u00ad": "U+00AD SOFT HYPHEN",
    "\u2060": "U+2060 WORD JOINER",
    "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE",
    "\u200e": "U+200E LEFT-TO-RIGHT MARK",
    "\u200f": "U+200F RIGHT-TO-LEFT MARK",
    "\ue000": "U+E000 <private use>",
    "\u3164": "U+3164 HANGUL FILLER",
}
REFUSED = "invisible characters are not allowed in names and titles (the text would not be " \
          "what it looks like); removed [handbook.invisible-character]"
DAIKIN_URL, DAIKIN_TEXT = "https://www.daikin.com", "Heat pumps."


def panel(name: str) -> str:
    return f":::{{company-panel}}\n- name: {name}\n  url: {DAIKIN_URL}\n  description: " \
           f"{DAIKIN_TEXT}\n:::\n"


def directory_book(cooling_name: str, extra: str = "") -> dict[str, str]:
    return {"index.md": "# Book\n\n```{toctree}\nheat-pumps\ncooling\ncompanies\n```\n",
            "heat-pumps.md": "# Heat Pumps\n\n" + panel("Daikin"),
            "cooling.md": "# Cooling\n\n" + panel(cooling_name) + extra,
            "companies.md": "# Companies\n\n```{company-directory}\n```\n"}


def directory_entries(app) -> dict[str, list[str]]:
    soup = BeautifulSoup(html_of(app, "companies"), "html.parser")
    return {dt.get_text(): [a.get_text()
                            for a in dt.find_next_sibling("dd").select(".hb-appears a")]
            for dt in soup.select("dl.hb-directory > dt")}


def assert_nowhere(app, characters: str) -> None:
    for page in app.outdir.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not any(char in html for char in characters), page.name
    exported = (app.outdir / "companies.json").read_text(encoding="utf-8")
    assert not any(char in json.loads(exported)[0]["name"] for char in characters)


@pytest.mark.parametrize("char", INVISIBLE, ids=[name for name in INVISIBLE.values()])
def test_invisible_character_in_a_company_name_is_refused_and_not_a_second_entry(build_book,
                                                                                  char):
    app, warnings = build_book(directory_book(f"Dai{char}kin"))
    assert (f"cooling.md:4: WARNING: company-panel: company name 'Daikin' contains "
            f"{INVISIBLE[char]}: {REFUSED}" in warnings), warnings
    assert warnings.count("WARNING") == 1, warnings
    assert directory_entries(app) == {"Daikin": ["Heat Pumps", "Cooling"]}
    assert_nowhere(app, char)


@pytest.mark.parametrize("chars", ["\u200b", "\u00ad\u200d", "\ufeff\u2060\u200e"])
def test_invisible_character_in_the_company_role_is_refused_and_still_links(build_book, chars):
    app, warnings = build_book(directory_book("Daikin", f"\nMade by {{company}}`Dai{chars}kin`.\n"))
    names = ", ".join(INVISIBLE[char] for char in chars)
    assert f"cooling.md:9: WARNING: {{company}} 'Daikin' contains {names}: {REFUSED}" in warnings, \
        warnings
    assert warnings.count("WARNING") == 1, warnings
    link = BeautifulSoup(html_of(app, "cooling"), "html.parser").select_one("a.hb-company-ref")
    assert link.get_text() == "Daikin" and link["href"].endswith("companies.html#company-daikin")
    assert_nowhere(app, chars)


def test_the_directory_key_ignores_invisible_characters_and_unicode_forms():
    assert len({company_key(name) for name in (
        "Daikin", "Dai\u200bkin", "Dai\u00adkin ", "\ufeffDAIKIN", "\uff24\uff41\uff49\uff4b"
        "\uff49\uff4e", "Dai\u2060\u200dkin")}) == 1
    assert comparable("Dai\u200bkin") == "Daikin"


@pytest.mark.parametrize("title, region, sector, company", [
    ("Alt\u200bherma", "Eu\u200crope", "Resi\u00addential", "Dai\u2060kin"),
    ("Altherma\u200e", "\ufeffEurope", "Residential\ue000", "Daikin\u200d"),
])
def test_invisible_characters_in_case_study_fields_are_located(build_page, title, region,
                                                              sector, company):
    page = ("# T\n\n" + panel("Daikin") + "\n"
            f":::{{case-study}} {title}\n:region: {region}\n:sector: {sector}\n"
            f":link: https://www.daikin.com\n:company: {company}\n\nText.\n:::\n")
    app, warnings = build_page(page)
    for line, field, value in ((9, "case-study title", title),
                               (10, "case-study 'Altherma' :region:", region),
                               (11, "case-study 'Altherma' :sector:", sector),
                               (13, "case-study 'Altherma' :company:", company)):
        names = ", ".join(INVISIBLE[char] for char in value if char in INVISIBLE)
        clean = "".join(char for char in value if char not in INVISIBLE)
        assert f"index.md:{line}: WARNING: {field} {clean!r} contains {names}: {REFUSED}" \
            in warnings, warnings
    assert warnings.count("WARNING") == 4, warnings
    card = BeautifulSoup(html_of(app), "html.parser").select_one(".hb-case-study").get_text(" ")
    assert "Altherma" in card and "Europe" in card and "Residential" in card
    assert "Daikin:" in card
    html = html_of(app)
    assert not any(char in html for char in INVISIBLE)


@pytest.mark.parametrize("chars", ["\u200b", "\u00ad", "\u200f\ufeff", "\x07"])
def test_invisible_characters_in_titles_are_located_and_removed(build_page, chars):
    app, warnings = build_page(f"# Heat{chars}pumps\n\nText.\n\n## Sub{chars}section\n\nMore.\n")
    names = ", ".join(INVISIBLE.get(char, "U+0007 BELL") for char in chars)
    for line, title in ((1, "Heatpumps"), (5, "Subsection")):
        assert f"index.md:{line}: WARNING: title {title!r} contains {names}: {REFUSED}" \
            in warnings, warnings
    assert warnings.count("WARNING") == 2, warnings
    soup = BeautifulSoup(html_of(app), "html.parser")
    assert soup.select_one("h1").get_text().startswith("Heatpumps")
    assert soup.select_one("h2").get_text().startswith("Subsection")
    assert not any(char in html_of(app) for char in chars)


def test_joiners_a_script_needs_are_kept(build_book):
    # Persian writes ZWNJ between letters, Devanagari ZWJ after a virama, and an emoji
    # sequence is joined by ZWJ: they change what the reader sees.
    names = ["\u0645\u06cc\u200c\u0633\u0627\u0632\u062f", "\u0915\u094d\u200d\u0937 Energy"]
    pages = directory_book("Daikin")
    pages["cooling.md"] = ("# Lab \U0001f469\u200d\U0001f52c\n\n" + panel("Daikin")
                           + "".join(panel(name) for name in names))
    app, warnings = build_book(pages)
    assert warnings == ""
    assert set(directory_entries(app)) == {"Daikin", *names}
    assert refused_characters("Dai\u200dkin") == ["\u200d"]


# -- 4. NUL and bidirectional controls anywhere -----------------------------------------------
CONTROL_CASES = {
    "NUL in the title": ("# Heat\x00 pumps\n\nText.\n", 1, "U+0000 NULL"),
    "override in a paragraph": ("# T\n\nSome \u202etext\u202c here.\n", 3,
                                "U+202E RIGHT-TO-LEFT OVERRIDE, U+202C POP DIRECTIONAL FORMATTING"),
    "isolate in a case-study field": (
        "# T\n\n:::{case-study} Altherma\n:region: Eu\u2066rope\u2069\n:sector: Residential\n"
        ":link: https://www.daikin.com\n\nText.\n:::\n", 4,
        "U+2066 LEFT-TO-RIGHT ISOLATE, U+2069 POP DIRECTIONAL ISOLATE"),
    "NUL in a case-study field": (
        "# T\n\n:::{case-study} Altherma\n:region: Europe\n:sector: Resi\x00dential\n"
        ":link: https://www.daikin.com\n\nText.\n:::\n", 5, "U+0000 NULL"),
    "embedding in a front-matter value": (
        "---\ndrawdown_solution: Clean Cooking\u202a\nsectors: [Buildings]\n---\n\n# T\n\nText.\n",
        2, "U+202A LEFT-TO-RIGHT EMBEDDING"),
    "NUL in directive content": (
        "# T\n\n" + panel("Daikin").replace("Heat pumps.", "Heat\x00 pumps."), 6, "U+0000 NULL"),
    "override in a code block": ("# T\n\n```\nif admin:\u202e\n```\n", 4,
                                 "U+202E RIGHT-TO-LEFT OVERRIDE"),
}
CONTROLS = "\x00\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("page, line, names", CONTROL_CASES.values(), ids=CONTROL_CASES.keys())
def test_nul_and_bidirectional_controls_are_located_and_removed(build_page, page, line, names):
    app, warnings = build_page(page)
    assert (f"index.md:{line}: WARNING: {names}: not allowed in a chapter (control characters "
            "can hide text or make it display in another order than it is written); removed "
            "[handbook.control-character]" in warnings), warnings
    assert warnings.count("WARNING") == 1, warnings
    html = html_of(app)
    assert not any(char in html for char in CONTROLS + "\ufffd")


def test_a_chapter_title_with_controls_is_reported_once_not_again_by_its_course(build_book,
                                                                                tmp_path):
    # The course's landing page is written from the chapter's title: it must not carry
    # the control on, to be reported a second time in a generated file.
    courses = tmp_path / "courses"
    courses.mkdir()
    (courses / "heating.yml").write_text("title: Heating\nchapters:\n  - buildings/cooking\n")
    chapter = ("---\ndrawdown_solution: Clean Cooking\nsectors: [Buildings]\n---\n\n"
               "# Clean \u202ecooking\n\nText.\n")
    files = {"index.md": b"# Book\n\n```{toctree}\nbuildings/cooking\n_generated/courses/heating"
                         b"\n```\n",
             "buildings/cooking.md": chapter.encode()}
    app, warnings = build_bytes(build_book, tmp_path, files, handbook_courses_dir=str(courses))
    assert re.findall(r"(\S+:\d+): WARNING", warnings) == [
        f"{app.srcdir / 'buildings' / 'cooking.md'}:6"], warnings
    assert "[handbook.control-character]" in warnings
    landing = html_of(app, "_generated/courses/heating")
    assert "Clean cooking" in landing and "\u202e" not in landing


def test_controls_in_an_included_file_are_located_in_that_file(build_book):
    app, warnings = build_book({"index.md": "# T\n\n```{include} part.txt\n```\n",
                                "part.txt": "One.\n\nTwo \u2067owt.\n"})
    assert re.search(r"part.txt:3: WARNING: U\+2067 RIGHT-TO-LEFT ISOLATE: not allowed in a "
                     r"chapter .*\[handbook.control-character\]", warnings), warnings
    assert "\u2067" not in html_of(app) and "owt." in body_text(app)


# -- 5. one '# ' title per page ---------------------------------------------------------------
@pytest.mark.parametrize("page, expected", [
    ("# A\n\nText.\n\n# B\n\nMore.\n", [(5, "B")]),
    ("# A\n\n## Sub\n\nText.\n\n# B\n\n# C\n", [(7, "B"), (9, "C")]),
])
def test_a_second_top_level_title_is_located(build_page, page, expected):
    _, warnings = build_page(page)
    for line, title in expected:
        assert (f"index.md:{line}: WARNING: second top-level title {title!r}: a page has one "
                "'# ' title (here 'A', line 1); make this one a '## ' section "
                "[handbook.second-title]" in warnings), warnings
    assert warnings.count("WARNING") == len(expected), warnings
