"""The build benchmark's synthetic book (``benchmarks/synthetic_book.py``, issue 22) builds
as the benchmark builds it, with the project's configuration and no warning under
``-W --keep-going -n``, and a chapter shows a reader what a real chapter shows. Two
chapters: about 10 s on 2 idle cores."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def load_generator():
    spec = importlib.util.spec_from_file_location("synthetic_book",
                                                  REPO / "benchmarks" / "synthetic_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_chapters_build_without_warnings_and_look_like_real_ones(tmp_path):
    source = load_generator().write_book(tmp_path, 2)
    out = tmp_path / "html"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "sphinx-build"), "-q", "-c", str(REPO), "-W",
         "--keep-going", "-n", "-D", "handbook_courses_dir=", "-D", "handbook_check_unused=0",
         "-b", "html", "-d", str(tmp_path / "doctrees"), str(source), str(out)],
        capture_output=True, text=True)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    page = (out / "part-01" / "chapter-002.html").read_text(encoding="utf-8")
    assert page.count('class="hb-company"') == 5  # the company panel
    assert page.count('class="hb-case-study ') == 4
    assert page.count('class="hb-exercise-meta"') == 4  # exercises with their metadata line
    assert page.count('class="footnote brackets"') == 24  # the chapter's sources
    assert page.count('class="footnote-reference brackets"') >= 50  # cited in the text
    assert 'href="../glossary.html#term-' in page
