"""Settings that choose an edition: a wrong value stops the build with one line that
names the setting and the values allowed, never another edition built quietly."""

from __future__ import annotations

import subprocess

import pytest
from conftest import REPO
from handbook.editions.settings import SettingError
from sphinx.util.docutils import docutils_namespace


@pytest.mark.parametrize(("setting", "value", "allowed"), [
    ("handbook_edition", "instuctor", "'public', 'student', 'instructor'"),
    ("handbook_latex_set", "handout", "'book', 'handouts'"),
])
def test_a_misspelt_setting_is_refused_with_the_values_allowed(build_page, setting, value,
                                                                allowed):
    # The app never finishes starting, so nothing cleans up after it: docutils_namespace
    # takes back the nodes and directives it registered.
    with docutils_namespace(), pytest.raises(SettingError) as error:
        build_page("# T\n\nText.\n", **{setting: value})
    assert str(error.value) == f"error: {setting} = {value!r} is not allowed; allowed: {allowed}"


def run_sphinx(tmp_path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(REPO / ".venv" / "bin" / "sphinx-build"), "-q", "-W", "-c", str(REPO), "-b", "latex",
         *options, str(REPO / "book"), str(tmp_path / "out")], capture_output=True, text=True)


def test_an_unknown_paper_size_is_one_line(tmp_path):
    result = run_sphinx(tmp_path, "-D", "latex_elements.papersize=a5paper")
    assert result.returncode != 0
    assert result.stderr.strip() == ("error: latex_elements.papersize = 'a5paper' is not allowed; "
                                     "allowed: 'a4paper', 'letterpaper'")


def test_an_unknown_course_names_the_courses_there_are(tmp_path):
    courses = sorted(path.stem for path in (REPO / "courses").glob("*.yml"))
    result = run_sphinx(tmp_path, "-D", "handbook_course_pack=no-such-course")
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "error: handbook_course_pack = 'no-such-course' is not allowed; allowed: "
        + ", ".join(repr(name) for name in courses))
