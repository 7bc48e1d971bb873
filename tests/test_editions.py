"""Classroom editions: student and instructor PDFs, chapter handouts, course packs, and the
classroom material every chapter carries."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin

import pytest
import yaml
from browser import chromium, pagefind_search, serve
from bs4 import BeautifulSoup
from conftest import EXAMPLE_COURSE, REPO, copy_of_book, run_make
from handbook.chemical_formulas import SUBSCRIPTS
from handbook.common.citation_file import read_citation
from handbook.editions.book_sources import chapter_titles
from handbook.editions.courses import CourseError, load_course
from handbook.editions.handouts import configure_handouts
from handbook.editions.settings import SettingError
from handbook.exercise_metadata import parse_answer
from pagefind import indexed_text
from pdf_pages import book_chapters, outline_entries, page_texts
from pypdf import PdfReader
from sphinx.search.en import SearchEnglish
from test_pdf_book_layout import index_lines
from test_reproducible import SMALL_OPTIONS

pytestmark = pytest.mark.book

NAME = "climate-solutions-handbook"
CHAPTERS = chapter_titles(REPO / "book")


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    """The text of pages *first* to *last* (from 1; all by default), spaces collapsed."""
    pages = page_texts(path)[(first or 1) - 1:last]
    return re.sub(r"\s+", " ", "\f".join(pages))


def directive_bodies(name: str, chapters: str = "*/*") -> list[str]:
    """The first sentence-like line of every `:::{name}` block in the chapters (those
    that *chapters* matches: "buildings/*", one chapter's name)."""
    found = []
    for path in sorted((REPO / "book").glob(f"{chapters}.md")):
        for block in re.findall(rf"^:::\{{{name}\}}[^\n]*\n(.*?)^:::$", path.read_text(), re.S | re.M):
            lines = [line.strip() for line in block.splitlines()
                     if line.strip() and not line.startswith(":")]
            # The words before the first role ({factor} prints a value, not its name).
            first = re.sub(r"[*`]|\[|\]\([^)]*\)", "", lines[0].split("{")[0]).strip()
            if len(first) >= 12:
                found.append(first[:40])
    return found


# Half-title, its blank back, the title page, on its back the licence, then the contents.
TITLE_PAGE, LICENCE_PAGE, CONTENTS_PAGE = 3, 4, 5


def licence_and_citation_problems(text: str) -> list[str]:
    """What a page that must state the licence and how to cite lacks."""
    citation = read_citation(REPO / "CITATION.cff")
    wanted = ["CC BY 4.0", "Project Drawdown's figures", f"Version {citation.version}",
              citation.text()]
    return [words for words in wanted if words not in text]


# The instructor edition is tested on the example course's pack, made by the same LaTeX
# set-up as `make instructor`: a second PDF of the whole book (1,300 pages, three
# LuaLaTeX passes) would add minutes of work to every test run.
def test_reader_and_instructor_pdfs_state_licence_and_citation_behind_the_title(
        book, instructor_course_pack):
    build_dir, _ = book
    for pdf in (build_dir / "pdf" / f"{NAME}.pdf", instructor_course_pack):
        verso = pdf_text(pdf, LICENCE_PAGE, LICENCE_PAGE)
        assert "How to cite this book:" in verso, pdf.name
        assert licence_and_citation_problems(verso) == [], pdf.name


def test_course_pack_states_licence_and_citation_behind_its_title(course_pack):
    assert licence_and_citation_problems(pdf_text(course_pack, LICENCE_PAGE, LICENCE_PAGE)) == []


def test_every_chapter_has_classroom_material():
    for path in sorted((REPO / "book").glob("*/*.md")):
        if path.stem not in {c.split("/")[-1] for c in CHAPTERS}:
            continue
        text = path.read_text()
        assert ":::{admonition} Learning objectives" in text, path.name
        for heading in ("## For the classroom", "### Key terms", "### Discussion questions"):
            assert heading in text, (path.name, heading)
        assert re.search(r"^:::\{exercise\}", text, re.M), path.name
        assert re.search(r"^:::\{solution\}", text, re.M), path.name
        assert re.search(r"^:::\{teaching-note\}", text, re.M), path.name


def test_solutions_are_in_the_instructor_pdf_only(book, instructor_course_pack):
    """No worked solution of any chapter in the reader's PDF; every one of the course's
    chapters in the instructor's pack."""
    build_dir, _ = book
    student = pdf_text(build_dir / "pdf" / f"{NAME}.pdf")
    instructor = pdf_text(instructor_course_pack)
    course = load_course(REPO / "courses" / f"{EXAMPLE_COURSE}.yml", CHAPTERS)
    in_pack = [solution for chapter in course.chapters
               for solution in directive_bodies("solution", chapter)]
    solutions = directive_bodies("solution")
    assert len(solutions) >= len(CHAPTERS) and len(in_pack) >= len(course.chapters)
    # Compared without spaces: a formula's subscript ("N2O") is a run of its own in the PDF.
    student_run, instructor_run = (re.sub(r"\s", "", text) for text in (student, instructor))
    for solution in solutions:
        words = re.sub(r"\s", "", " ".join(solution.split()[:5])).translate(SUBSCRIPTS)
        assert words not in student_run, words
        if solution in in_pack:
            assert words in instructor_run, words
    assert "Solution to" not in student and "Solution to" in instructor
    assert "Teaching note" not in student and "Teaching note" in instructor
    assert student.count("Exercise") >= len(CHAPTERS)  # the exercises themselves stay


def test_html_solutions_are_collapsed_and_teaching_notes_absent(book):
    build_dir, _ = book
    html = build_dir / "html"
    page = "buildings/high-efficiency-heat-pumps.html"
    soup = BeautifulSoup((html / page).read_text(), "html.parser")
    assert not soup.find(string=re.compile("Teaching note"))
    with serve(html) as base_url, chromium() as browser:
        view = browser.new_page()
        view.goto(urljoin(base_url, page), wait_until="networkidle")
        solution = view.locator("div.solution").first
        body = solution.locator("section, p").last
        assert solution.is_visible() and not body.is_visible()
        solution.locator(".admonition-title").click()
        body.wait_for(state="visible", timeout=5000)


def numbers_in_the_book(book) -> dict[str, int]:
    """Chapter title -> its number, as the reader's PDF prints it in its contents."""
    build_dir, _ = book
    return {title: number for number, title, _ in book_chapters(build_dir / "pdf" / f"{NAME}.pdf")}


def exercise_numbers(text: str) -> list[str]:
    return re.findall(r"Exercise (\d+\.\d+) \(", text)


def test_exercises_are_numbered_by_chapter_and_can_be_referenced(book):
    build_dir, _ = book
    number = numbers_in_the_book(book)[CHAPTERS["buildings/insulation"]]
    soup = BeautifulSoup((build_dir / "html" / "buildings" / "insulation.html").read_text(),
                         "html.parser")
    assert soup.h1 is not None and f"Chapter {number}" in soup.select_one("article h1").get_text()
    titles = [t.get_text(" ", strip=True) for t in soup.select("div.exercise p.admonition-title")]
    assert len(titles) >= 2
    assert [title.split(" (")[0] for title in titles] == \
        [f"Exercise {number}.{n}" for n in range(1, len(titles) + 1)]
    solutions = [t.get_text(" ", strip=True) for t in soup.select("div.solution p.admonition-title")]
    assert solutions and solutions[0].startswith(f"Solution to Exercise {number}.1")
    assert soup.find(id="ex-insulation-1")
    # A reference to an exercise prints its number, in any chapter that has one.
    numbers = numbers_in_the_book(book)
    references = []
    for docname, title in CHAPTERS.items():
        page = BeautifulSoup((build_dir / "html" / f"{docname}.html").read_text(), "html.parser")
        references += [(link.get_text(" ", strip=True), numbers[title]) for link in
                       page.select('p a.reference.internal[href^="#ex-"]')
                       if not link.find_parent(class_="solution")]
    assert references
    assert all(re.fullmatch(rf"Exercise {n}\.\d+", text) for text, n in references), references


@pytest.fixture(scope="module")
def html_editions(tmp_path_factory) -> dict[str, Path]:
    """The Buildings part as `make html EDITION=student` and `EDITION=instructor` build it,
    and its sources."""
    build_dir = tmp_path_factory.mktemp("html-editions")
    source = copy_of_book(build_dir)
    for edition in ("student", "instructor"):
        run_make(build_dir, "html", SOURCE=str(source), SPHINXOPTS=SMALL_OPTIONS, EDITION=edition)
    return {"source": source} | {edition: build_dir / f"html-{edition}"
                                 for edition in ("student", "instructor")}


def stems_only_in_solutions(instructor: Path, words: bool = False) -> set[str]:
    """Word stems (as the search index stems them) that the worked solutions of the
    instructor edition use and none of its other text does, teaching notes aside: the
    trace a solution would leave in another edition's search index (with *words*, the
    words themselves, as a reader would type them)."""
    solutions, elsewhere = [], []
    for page in sorted(instructor.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for hidden in soup.select("div.solution, .hb-teaching-note, .bd-header-announcement"):
            (solutions if "solution" in hidden.get("class", []) else []).append(hidden.get_text(" "))
            hidden.decompose()
        elsewhere.append(soup.get_text(" "))
    stem = SearchEnglish({}).stem
    stems = lambda texts, least: {stem(w) for w in re.findall(rf"[a-z]{{{least},}}",  # noqa: E731
                                                               " ".join(texts).lower())}
    traces = stems(solutions, 5) - stems(elsewhere, 1)
    if words:
        return {w for w in re.findall(r"[a-z]{6,}", " ".join(solutions).lower()) if stem(w) in traces}
    return traces


def search_stems(html: Path) -> set[str]:
    """The stems of every word the edition's search index (Pagefind) holds."""
    stem = SearchEnglish({}).stem
    return {stem(word) for text in indexed_text(html).values()
            for word in re.findall(r"[a-z]+", text.lower())}


def test_student_html_edition_holds_no_worked_solution(html_editions):
    student, instructor = html_editions["student"], html_editions["instructor"]
    traces = stems_only_in_solutions(instructor)
    assert len(traces) >= 3
    assert traces <= search_stems(instructor)  # found when the solutions are there
    assert traces.isdisjoint(search_stems(student))
    openings = directive_bodies("solution", chapters="buildings/*")
    assert openings
    for page in sorted(student.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        text = re.sub(r"\s", "", soup.get_text(" "))
        assert not soup.select("div.solution") and "Solutionto" not in text, page
        for opening in openings:
            assert re.sub(r"\s", "", opening).translate(SUBSCRIPTS) not in text, (page, opening)
    chapter = BeautifulSoup((student / "buildings" / "insulation.html").read_text(), "html.parser")
    assert chapter.select("div.exercise")  # the exercises themselves stay
    # Nor does the search readers use (Pagefind's index) find a word only solutions use,
    # searched as an exact word: unquoted, Pagefind offers near matches ("how" for "however").
    words = sorted(stems_only_in_solutions(instructor, words=True))[:6]
    assert len(words) >= 3
    for edition, found in ((instructor, True), (student, False)):
        with serve(edition) as base_url, chromium() as browser:
            view = browser.new_page()
            view.goto(urljoin(base_url, "index.html"), wait_until="networkidle")
            for word in words:
                assert bool(pagefind_search(view, f'"{word}"')) is found, (edition.name, word)


def test_instructor_html_edition_shows_solutions_open_and_teaching_notes(html_editions):
    html = html_editions["instructor"]
    page = "buildings/insulation.html"
    soup = BeautifulSoup((html / page).read_text(), "html.parser")
    assert soup.find(string=re.compile("Teaching note"))
    assert soup.find(string=re.compile("Instructor edition"))  # a projected page says whose
    with serve(html) as base_url, chromium() as browser:
        view = browser.new_page()
        view.goto(urljoin(base_url, page), wait_until="networkidle")
        solutions = view.locator("div.solution")
        assert solutions.count() >= 2
        for index in range(solutions.count()):
            assert solutions.nth(index).locator("section, p").last.is_visible()


# Handouts are built for a few chapters (the book's LaTeX is tested whole in its PDF):
# the model chapter, one with a worked-solution table, one with a box of CJK text.
HANDOUT_SAMPLE = ["buildings/high-efficiency-heat-pumps", "buildings/insulation",
                  "buildings/clean-cooking"]


@pytest.fixture(scope="module")
def handouts(book) -> Path:
    build_dir, _ = book
    run_make(build_dir, "handouts", HANDOUTS=" ".join(HANDOUT_SAMPLE))
    return build_dir / "pdf" / "handouts"


def test_every_chapter_gets_a_handout_unless_some_are_named():
    app = SimpleNamespace(srcdir=REPO / "book")
    config = SimpleNamespace(handbook_latex_set="handouts", handbook_handouts=[],
                             latex_elements={})
    configure_handouts(app, config)
    assert [document[0] for document in config.latex_documents] == list(CHAPTERS)
    config.handbook_handouts = HANDOUT_SAMPLE[:2]
    configure_handouts(app, config)
    assert [document[0] for document in config.latex_documents] == HANDOUT_SAMPLE[:2]
    config.handbook_handouts = ["buildings/no-such-chapter"]
    with pytest.raises(SettingError, match="handbook_handouts = 'buildings/no-such-chapter'"):
        configure_handouts(app, config)


def test_one_handout_per_chapter_numbered_from_page_1(handouts, book):
    assert sorted(p.stem for p in handouts.glob("*.pdf")) == \
        sorted(c.split("/")[-1] for c in HANDOUT_SAMPLE)
    for docname in HANDOUT_SAMPLE:
        title = CHAPTERS[docname]
        pdf = handouts / f"{docname.split('/')[-1]}.pdf"
        first_page = subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True,
                                    text=True, check=True).stdout
        lines = [line.strip() for line in first_page.splitlines() if line.strip()]
        head = " ".join(lines[:6])  # the book and chapter, the date, the title
        assert "Climate Solutions Handbook" in lines[0] and title in head
        assert licence_and_citation_problems(" ".join(" ".join(lines[:14]).split())) == []
        assert lines[-1] == "1"  # the page number printed on the first page
        number = numbers_in_the_book(book)[title]
        assert f"Chapter {number}" in head
        # Every later page is headed by the chapter, whatever section it is in.
        pages = page_texts(pdf)
        assert len(pages) > 2
        for page in pages[1:]:
            assert re.match(rf"\s*Chapter {number}\s+{re.escape(title)}\n", page), page[:120]
        text = pdf_text(pdf)
        # A handout carries its sources: footnotes with their addresses (see bibliography.py).
        assert "Key terms" in text and "URL: http" in " ".join(text.split())
        # Exercises, figures and tables keep the book's numbers: "Exercise 3.2" in the book
        # is "Exercise 3.2" on the handout.
        exercises = exercise_numbers(" ".join(text.split()))
        assert exercises and exercises == [f"{number}.{n}" for n in range(1, len(exercises) + 1)]
        assert f"{number}.1 Overview" in " ".join(text.split())
        captions = re.findall(r"(?:Figure|Table) (\d+)\.\d+: ", " ".join(text.split()))
        assert captions and set(captions) == {str(number)}
        log = pdf.parent.parent.parent / "latex-handouts" / f"{pdf.stem}.log"
        assert "Hyper reference" not in log.read_text(errors="replace")  # every link lands


def test_course_pack_index_points_into_its_chapters_not_its_key_terms(course_pack):
    """The pack's Key terms list the glossary entries its chapters use; the index sends a
    reader to the chapters' pages where a term is used, never to that list (it listed
    every term twice, once for each)."""
    outline = outline_entries(PdfReader(course_pack))
    key_terms = next(page for depth, title, page in outline if (depth, title) == (0, "Key terms"))
    index = next(page for _depth, title, page in outline if title == "Index")
    pages = page_texts(course_pack)
    folios = {text.split()[-1] for text in pages[key_terms - 1:index - 1] if text.split()}
    assert folios and all(folio.isdigit() for folio in folios), folios
    cited = {number for line in index_lines(course_pack, index) if ", " in line
             for number in re.findall(r"\b\d+\b", line.split(", ", 1)[1])}
    assert cited and not cited & folios, sorted(cited & folios)


def test_course_pack_has_its_chapters_in_order_with_contents_and_terms(course_pack, book):
    course = load_course(REPO / "courses" / f"{EXAMPLE_COURSE}.yml", CHAPTERS)
    titles = [CHAPTERS[c] for c in course.chapters]
    assert course.title in pdf_text(course_pack, 1, 1)  # the half-title
    title_page = pdf_text(course_pack, TITLE_PAGE, TITLE_PAGE)
    assert course.title in title_page and course.subtitle in title_page
    contents = pdf_text(course_pack, CONTENTS_PAGE, CONTENTS_PAGE + 1)
    assert "Contents" in contents
    # Each chapter keeps its number in the book, so "Exercise 3.2" means the same to a
    # class with the pack as to a reader of the book.
    numbers = [numbers_in_the_book(book)[title] for title in titles]
    assert numbers != list(range(1, len(titles) + 1))  # the example course is not chapters 1–4
    positions = [contents.index(f"{n} {title}") for n, title in zip(numbers, titles)]
    assert positions == sorted(positions)
    body = pdf_text(course_pack)
    heads = [body.index(f"CHAPTER {n} {title}") for n, title in zip(numbers, titles)]
    assert heads == sorted(heads)
    assert len(re.findall(r"CHAPTER \d+ ", body)) == len(titles)  # no other chapter
    assert "Key terms" in body.split(f"CHAPTER {numbers[-1]} ")[-1]
    for n, title, text in zip(numbers, titles, re.split(r"CHAPTER \d+ ", body)[1:]):
        exercises = exercise_numbers(text)
        assert exercises == [f"{n}.{k}" for k in range(1, len(exercises) + 1)] and exercises, title


def test_course_landing_page_lists_the_chapters_in_order(book):
    build_dir, _ = book
    soup = BeautifulSoup((build_dir / "html" / "_generated" / "courses" / f"{EXAMPLE_COURSE}.html")
                         .read_text(), "html.parser")
    course = load_course(REPO / "courses" / f"{EXAMPLE_COURSE}.yml", CHAPTERS)
    links = soup.select("article ol li a")
    assert [a.get_text() for a in links] == [CHAPTERS[c] for c in course.chapters]
    assert links[0]["href"].endswith("buildings/insulation.html")


BAD_COURSES = {
    "broken-yaml": ("title: A\nchapters: [buildings/insulation\n", 3, "malformed YAML"),
    "missing-title": ("chapters:\n  - buildings/insulation\n", 1, "the field 'title' is missing"),
    "missing-chapters": ("title: A course\n", 1, "the field 'chapters' is missing"),
    "unknown-chapter": ("title: A\nchapters:\n  - buildings/insulation\n  - buildings/fusion\n", 4,
                        "unknown chapter id 'buildings/fusion'"),
    "unknown-field": ("title: A\nteacher: B\nchapters: [buildings/insulation]\n", 2,
                      "unknown field 'teacher'"),
    "chapters-not-a-list": ("title: A\nchapters: buildings/insulation\n", 2,
                            "'chapters' must be a list of chapter ids"),
    "title-not-text": ("title: [A, B]\nchapters: [buildings/insulation]\n", 1, "'title' must be text"),
    "not-a-mapping": ("- buildings/insulation\n", 1, "a course file is a mapping"),
    "chapter-twice": ("title: A\nchapters: [buildings/insulation, buildings/insulation]\n", 2,
                      "a chapter is listed twice"),
    "empty-title": ("title: ''\nchapters: [buildings/insulation]\n", 1, "'title' is empty"),
    "bidi-in-subtitle": ("title: A\nsubtitle: B\u202eC\nchapters: [buildings/insulation]\n", 2,
                         "'subtitle' holds U+202E"),
    "zero-width-instructor": ("title: A\ninstructor: B\u200bC\nchapters: [buildings/insulation]\n",
                              2, "'instructor' holds U+200B"),
    "javascript-link": ("title: '[x](javascript:alert(1))'\nchapters: [buildings/insulation]\n",
                        1, "'title' holds a link to 'javascript:alert(1'"),
    "chapter-not-text": ("title: A\nchapters:\n  - [buildings/insulation]\n", 3,
                         "a chapter id is text"),
    "key-twice": ("title: A\ntitle: B\nchapters: [buildings/insulation]\n", 2,
                  "the key 'title' is given twice"),
    "python-tag": ("title: !!python/name:os.system\nchapters: [buildings/insulation]\n", 1,
                   "could not determine a constructor"),
    "substitution-braces": ("title: A\nchapters: [ {{ x }} ]\n", 2, "unhashable key"),
    "nul-byte": ("title: A\nsubtitle: B\x00C\nchapters: [buildings/insulation]\n", 2,
                 "character U+0000 is not allowed in YAML"),
    "escape-character": ("title: A\x1b[31m\nchapters: [buildings/insulation]\n", 1,
                         "character U+001B is not allowed in YAML"),
}


@pytest.mark.parametrize("name", BAD_COURSES)
def test_bad_course_file_is_a_clear_error_with_file_and_line(tmp_path, name):
    text, line, message = BAD_COURSES[name]
    path = tmp_path / f"{name}.yml"
    path.write_text(text)
    with pytest.raises(CourseError) as error:
        load_course(path, CHAPTERS)
    assert str(error.value).startswith(f"{path}:{line}: ")
    assert message in str(error.value)


def test_a_course_file_name_must_be_a_plain_name(tmp_path):
    path = tmp_path / "Heating\u202efdp.yml"
    path.write_text("title: A\nchapters: [buildings/insulation]\n")
    with pytest.raises(CourseError) as error:
        load_course(path, CHAPTERS)
    assert str(error.value).startswith(f"{path}:1: a course file is named in lower-case letters")


@pytest.mark.parametrize("pack", [False, True], ids=["html-edition", "course-pack"])
def test_bad_course_file_stops_the_build_without_a_traceback(tmp_path, pack):
    courses = tmp_path / "courses"
    courses.mkdir()
    (courses / "bad.yml").write_text(BAD_COURSES["unknown-chapter"][0])
    options = ["-D", "handbook_course_pack=bad", "-b", "latex"] if pack else ["-b", "html"]
    source = copy_of_book(tmp_path)  # the course file is the point, not the whole book
    result = subprocess.run(
        [str(REPO / ".venv" / "bin" / "sphinx-build"), "-q", "-W", "-c", str(REPO), *options,
         "-D", "handbook_check_unused=0", "-D", f"handbook_courses_dir={courses}",
         str(source), str(tmp_path / "out")],
        capture_output=True, text=True)
    assert result.returncode != 0
    assert f"{courses / 'bad.yml'}:4: WARNING: course file: unknown chapter id 'buildings/fusion'" \
        in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "{{ 7*7 }} and {raw}`x`",
                                  "A & B_% $x$ [link](https://example.org) \\ end", "# not a title"])
def test_a_course_title_prints_as_written_on_its_landing_page(build_book, tmp_path, text):
    courses = tmp_path / "courses"
    courses.mkdir()
    (courses / "pack.yml").write_text(yaml.safe_dump({
        "title": text, "subtitle": text, "instructor": text, "chapters": ["buildings/cooking"]}))
    chapter = "---\ndrawdown_solution: Clean Cooking\nsectors: [Buildings]\n---\n# Cooking\n\nText.\n"
    (tmp_path / "src" / "buildings").mkdir(parents=True)
    app, warnings = build_book({"index.md": "# Book\n\n```{toctree}\nbuildings/cooking\n"
                                            "_generated/courses/pack\n```\n",
                                "buildings/cooking.md": chapter},
                               handbook_courses_dir=str(courses))
    assert warnings == ""
    page = BeautifulSoup((app.outdir / "_generated/courses/pack.html").read_text(), "html.parser")
    body = page.select_one("div.body")
    assert body.find("h1").get_text().rstrip("#¶") == text
    assert body.get_text().count(text) == 3
    assert body.find("script") is None and not body.select("a[href^=javascript]")


@pytest.fixture(scope="module")
def instructor_course_pack(book) -> Path:
    build_dir, _ = book
    run_make(build_dir, "course", COURSE=EXAMPLE_COURSE, EDITION="instructor")
    return build_dir / "pdf" / "courses" / f"{EXAMPLE_COURSE}-instructor.pdf"


def test_instructor_course_pack_has_solutions_notes_and_its_answers(instructor_course_pack,
                                                                     course_pack, book):
    course = load_course(REPO / "courses" / f"{EXAMPLE_COURSE}.yml", CHAPTERS)
    numbers = [numbers_in_the_book(book)[CHAPTERS[c]] for c in course.chapters]
    text = pdf_text(instructor_course_pack)
    assert "instructor edition" in pdf_text(instructor_course_pack, LICENCE_PAGE, LICENCE_PAGE)
    assert "Solution to Exercise" in text and "Teaching note" in text
    assert "Solution to Exercise" not in pdf_text(course_pack)  # the student twin
    # The Answers appendix, after the chapters: the declared answers of the pack's own
    # chapters, numbered as in the book, and no other chapter's.
    assert "Answers" in text.split("Key terms")[-1]
    listed = re.findall(r"Exercise (\d+)\.(\d+) \([^)]*\): ", text)
    assert listed
    assert {int(chapter) for chapter, _ in listed} == set(numbers)
    # Every answer printed is one its solution declares, in the book's order.
    declared = sum(len(re.findall(r"^:answer:", (REPO / "book" / f"{c}.md").read_text(), re.M))
                   for c in course.chapters)
    assert len(listed) == declared


@pytest.fixture(scope="module")
def lms_quizzes(html_editions, tmp_path_factory) -> Path:
    """`make lms VARIANTS=3` on the Buildings part: its folder of quizzes."""
    build_dir = tmp_path_factory.mktemp("lms")
    run_make(build_dir, "lms", SOURCE=str(html_editions["source"]), SPHINXOPTS=SMALL_OPTIONS,
             VARIANTS="3")
    return build_dir / "lms"


def solutions_declared(path: Path) -> list[tuple[str, list[str], list[str]]]:
    """(exercise label, answers, formulas or []) of each solution of a chapter."""
    found = re.findall(r"^:::\{solution\} (\S+)\n((?::[\w-]+:[^\n]*\n)*)", path.read_text(), re.M)
    declared = []
    for label, block in found:
        options = dict(re.findall(r"^:([\w-]+): (.*)$", block, re.M))
        if "answer" in options:
            declared.append((label, options["answer"].split(";"),
                             [f.strip() for f in options.get("formula", "").split(";") if f.strip()]))
    return declared


def assessment_items(package: Path) -> list[ElementTree.Element]:
    with zipfile.ZipFile(package) as opened:
        manifest = ElementTree.fromstring(opened.read("imsmanifest.xml"))
        files = [f.get("href") for f in manifest.iter() if f.tag.endswith("file")]
        assessment = next(name for name in files if name.endswith(".xml") and "meta" not in name)
        return [item for item in ElementTree.fromstring(opened.read(assessment)).iter()
                if item.tag.split("}")[-1] == "item"]  # not a group's points_per_item


def test_make_lms_writes_a_quiz_for_each_chapter_and_course(html_editions, lms_quizzes):
    """`make lms` on the Buildings part: every declared answer of a chapter (but zeros,
    which a tolerance in per cent cannot accept) is one numeric question in its QTI
    package and its Moodle file, with the declared value; an answer with a formula is
    3 variants instead (``test_make_lms_gives_varied_exercises_other_numbers``)."""
    source = html_editions["source"]
    chapters = sorted((source / "buildings").glob("*.md"))
    for path in chapters:
        values, varied = [], 0
        for _, answers, formulas in solutions_declared(path):
            for index, text in enumerate(answers):
                if formulas and formulas[index] != "-":
                    varied += 3
                elif (answer := parse_answer(text)) and answer.value != 0:
                    values.append(answer.value)
        if not values and not varied:
            continue
        items = assessment_items(lms_quizzes / "chapters" / f"{path.stem}.qti.zip")
        assert len([i for i in items if i.get("title").startswith("Exercise")]) == \
            len(values) + varied, path.stem
        moodle = ElementTree.parse(lms_quizzes / "chapters" / f"{path.stem}.moodle.xml")
        assert [float(q.findtext("answer/text")) for q in
                moodle.getroot().findall("question[@type='numerical']")
                if "variant" not in q.findtext("name/text")] == pytest.approx(values), path.stem
    assert (lms_quizzes / "courses" / f"{EXAMPLE_COURSE}.qti.zip").is_file()


def variables_declared(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    """Exercise label -> (name, the three words before its base value in the statement,
    the base value's unit) of each variable."""
    text = path.read_text()
    found = {}
    for label, declared, body in re.findall(
            r"^:label: (\S+)\n(?::[\w-]+:[^\n]*\n)*?:variables: ([^\n]*)\n(?::[\w-]+:[^\n]*\n)*"
            r"(.*?)^:::$", text, re.M | re.S):
        statement = " ".join(body.split())
        found[label] = []
        for part in declared.split(";"):
            base = part.split("=", 1)[1].rsplit("(", 1)[0].strip()
            name = part.split("=", 1)[0].strip()
            number = re.match(r"[\d,.]+", base).group()
            before = statement[:statement.index(base)].split()[-3:]
            found[label].append((name, " ".join(before), base[len(number):]))
    return found


def test_make_lms_gives_varied_exercises_other_numbers(html_editions, lms_quizzes):
    """Every variant's answer is its solution's formula (evaluated here by simpleeval
    itself) at the numbers printed in that variant's text; the numbers are never all the
    book's, and differ from one variant to the next."""
    from simpleeval import simple_eval  # noqa: PLC0415  (only this test evaluates formulas)
    source = html_editions["source"]
    checked = 0
    for path in sorted((source / "buildings").glob("*.md")):
        variables = variables_declared(path)
        if not variables:
            continue
        moodle = ElementTree.parse(lms_quizzes / "chapters" / f"{path.stem}.moodle.xml").getroot()
        numerical = moodle.findall("question[@type='numerical']")
        for label, answers, formulas in solutions_declared(path):
            if not formulas:
                continue
            for part, formula in enumerate(formulas, start=1):
                if formula == "-":
                    continue
                which = f", answer {part} of {len(answers)}, variant " if len(answers) > 1 \
                    else ", variant "
                asked = [q for q in numerical if which in q.findtext("name/text")
                         and of_exercise(q, variables[label])]
                assert len(asked) == 3, (label, part)
                seen = set()
                for question in asked:
                    text = " ".join(question.findtext("questiontext/text").split())
                    values = {}
                    for name, before, unit in variables[label]:
                        [printed] = re.findall(re.escape(before) + r" (\d[\d,]*(?:\.\d+)?)" +
                                               re.escape(unit) + r"(?![\d])", text)
                        values[name] = float(printed.replace(",", ""))
                    seen.add(tuple(values.values()))
                    expected = simple_eval(formula, names=values)
                    assert float(question.findtext("answer/text")) == \
                        pytest.approx(expected, rel=1e-5), (label, part, values)
                    checked += 1
                assert len(seen) == 3, (label, part)
    assert checked >= 4 * 3


def of_exercise(question: ElementTree.Element, variables: list[tuple[str, str, str]]) -> bool:
    """Whether *question* is of the exercise that has these *variables*: its text has
    each variable's words before its number."""
    text = " ".join(question.findtext("questiontext/text").split())
    return all(before in text for _, before, _ in variables)


def test_make_lms_exports_each_multiple_choice_question_with_its_right_option(
        html_editions, lms_quizzes):
    source = html_editions["source"]
    declared = 0
    for path in sorted((source / "buildings").glob("*.md")):
        for question, options in re.findall(r"^:::\{multiple-choice\} ([^\n]*)\n(?::[\w-]+:[^\n]*\n)*"
                                            r"\n((?:- [^\n]*\n)+):::$", path.read_text(), re.M):
            declared += 1
            options = [o[2:].strip() for o in options.splitlines()]
            right = [o[3:].strip() for o in options if o.startswith("[x]")]
            assert len(right) == 1
            moodle = ElementTree.parse(lms_quizzes / "chapters" / f"{path.stem}.moodle.xml")
            [found] = [q for q in moodle.getroot().findall("question[@type='multichoice']")
                       if q.findtext("questiontext/text") == question]
            assert [a.findtext("text") for a in found.findall("answer")
                    if a.get("fraction") == "100"] == right
            assert len(found.findall("answer")) == len(options)
            [item] = [i for i in assessment_items(lms_quizzes / "chapters" / f"{path.stem}.qti.zip")
                      if question in " ".join(t.text or "" for t in i.iter() if t.tag.endswith("mattext"))]
            labels = {label.get("ident"): BeautifulSoup(
                "".join(t.text or "" for t in label.iter() if t.tag.endswith("mattext")),
                "html.parser").get_text().strip()
                for label in item.iter() if label.tag.endswith("response_label")}
            correct = [e.text for e in item.iter() if e.tag.endswith("varequal")]
            assert [labels[ident] for ident in correct] == right
    assert declared >= 3


def test_student_html_edition_does_not_mark_the_right_option(html_editions):
    for edition, marked in (("student", False), ("instructor", True)):
        page = BeautifulSoup((html_editions[edition] / "buildings" / "insulation.html").read_text(),
                             "html.parser")
        question = page.select_one("div.hb-multiple-choice")
        assert question is not None and len(question.select("ol.loweralpha > li")) == 4
        assert bool(question.select(".hb-right-answer")) is marked
        assert ("right answer" in page.get_text()) is marked


# Every part's exercises declare what they ask.
PARTS_WITH_EXERCISE_METADATA = sorted(folder.name for folder in (REPO / "book").iterdir()
                                      if (folder / "index.md").is_file())


@pytest.mark.parametrize("part", PARTS_WITH_EXERCISE_METADATA)
def test_every_exercise_declares_its_level_time_kind_and_objectives(part):
    for path in sorted((REPO / "book" / part).glob("*.md")):
        if path.name == "index.md":
            continue
        text = path.read_text()
        options = re.findall(r"^:::\{exercise\}[^\n]*\n((?::[\w-]+:[^\n]*\n)*)", text, re.M)
        assert len(options) >= 3, path.name
        for block in options:
            assert all(f":{name}:" in block for name in ("difficulty", "minutes", "kind")), \
                (path.name, block)
        # An exercise names the objectives it tests; one that tests none of the chapter's
        # says so by naming none, but a chapter's exercises test some.
        assert any(":objectives:" in block for block in options), path.name
        assert re.search(r"^:answer:", text, re.M), path.name


@pytest.mark.parametrize("edition, where", [
    ("instructor", "are under each exercise in this edition."),
    ("public", "are in the instructor edition.")])
def test_the_answer_key_says_where_the_worked_solutions_are(build_page, edition, where):
    """The instructor's edition prints them under each exercise: its key must not send the
    teacher to 'the instructor edition' they are holding."""
    app, warnings = build_page("# Answers\n\n```{answer-key}\n```\n",
                               handbook_edition=edition, handbook_answer_key="all")
    assert warnings == ""
    text = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser").get_text()
    assert where in text
