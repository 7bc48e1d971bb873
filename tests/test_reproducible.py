"""Reproducible and consistent builds: the same sources give the same bytes, whether the
build is clean or incremental, serial or parallel; a failed PDF build says where and
leaves no PDF behind."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE_COURSE, REPO, run_make

pytestmark = pytest.mark.book

NAME = "climate-solutions-handbook"


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    left, right = tree(a), tree(b)
    return sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))


def copy_of_book(tmp_path: Path) -> Path:
    source = tmp_path / "book"
    shutil.copytree(REPO / "book", source, ignore=shutil.ignore_patterns("_generated"))
    return source


def test_two_clean_builds_are_byte_identical(book, course_pack, tmp_path):
    """The HTML edition whole; the PDF on the course pack, made by the same LaTeX set-up
    (a second whole PDF would double the suite's longest step)."""
    build_dir, _ = book
    run_make(tmp_path, "html", "course", COURSE=EXAMPLE_COURSE)
    # `make book` puts the PDF into the HTML edition; `make html` alone has none to copy.
    assert differences(build_dir / "html", tmp_path / "html") == [f"{NAME}.pdf"]
    again = tmp_path / "pdf" / "courses" / course_pack.name
    assert course_pack.read_bytes() == again.read_bytes()


def test_parallel_html_build_is_identical_to_serial(tmp_path):
    run_make(tmp_path / "serial", "html", SPHINXOPTS="-W --keep-going -n -j 1")
    run_make(tmp_path / "parallel", "html", SPHINXOPTS="-W --keep-going -n -j auto")
    assert differences(tmp_path / "serial" / "html", tmp_path / "parallel" / "html") == []


def test_incremental_build_equals_clean_build(tmp_path):
    source = copy_of_book(tmp_path)
    incremental = tmp_path / "incremental"
    run_make(incremental, "html", SOURCE=str(source))

    # Edit a chapter, add one, delete one; then build again without cleaning.
    chapter = source / "buildings" / "insulation.md"
    chapter.write_text(chapter.read_text().replace("## Overview", "## Overview\n\nAn added sentence."))
    (source / "buildings" / "added-chapter.md").write_text(
        "# An Added Chapter\n\nA chapter added between two builds.\n")
    (source / "buildings" / "low-flow-fixtures.md").unlink()
    (source / "references" / "low-flow-fixtures.bib").unlink()  # its sources go with it
    part = source / "buildings" / "index.md"
    part.write_text(part.read_text().replace("low-flow-fixtures\n", "added-chapter\n"))
    # Chapters that linked to the deleted one now link to the added one.
    linking = [p for p in source.rglob("*.md") if "low-flow-fixtures.md" in p.read_text()]
    for page in linking:
        page.write_text(page.read_text().replace("low-flow-fixtures.md", "added-chapter.md"))
    later = chapter.stat().st_mtime + 10
    for path in (chapter, part, source / "buildings" / "added-chapter.md", *linking):
        os.utime(path, (later, later))
    run_make(incremental, "html", SOURCE=str(source))

    clean = tmp_path / "clean"
    run_make(clean, "html", SOURCE=str(source))
    # Removing the chapter's .bib file changes the bibliography files named in the
    # configuration, so Sphinx keeps its previous build record as .buildinfo.bak and
    # rebuilds everything; the pages must still be the clean build's.
    assert differences(incremental / "html", clean / "html") in ([], [".buildinfo.bak"])
    assert not (incremental / "html" / "buildings" / "low-flow-fixtures.html").exists()


def test_failed_latex_run_names_the_chapter_and_leaves_no_pdf(tmp_path):
    source = copy_of_book(tmp_path)
    (source / "buildings" / "figures" / "broken.png").write_bytes(b"not a picture at all")
    chapter = source / "buildings" / "insulation.md"
    chapter.write_text(chapter.read_text() + "\n![A broken picture](figures/broken.png)\n")
    out = tmp_path / "out"
    (out / "pdf").mkdir(parents=True)
    (out / "pdf" / f"{NAME}.pdf").write_bytes(b"%PDF- an old edition")
    result = subprocess.run(["make", "-C", str(REPO), "pdf", f"BUILD={out}", f"SOURCE={source}"],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "The PDF edition failed in chapter buildings/insulation" in result.stderr
    assert not (out / "pdf" / f"{NAME}.pdf").exists()
    assert not (out / "latex-a4" / f"{NAME}.pdf").exists()
