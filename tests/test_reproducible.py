"""Reproducible and consistent builds: the same sources give the same bytes, whether the
build is clean or incremental, serial or parallel; a failed PDF build says where and
leaves no PDF behind."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE_COURSE, REPO, copy_of_book, run_make
from handbook.live.preview_builder import LiveBuilder

pytestmark = pytest.mark.book

NAME = "climate-solutions-handbook"


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    left, right = tree(a), tree(b)
    return sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))


# The comparisons (clean twice, serial and parallel, incremental, speed work on and off)
# test the pipeline, not the chapters: they run on the book cut down to its first part
# (conftest.copy_of_book), so that they cost the same at 93 chapters as at 16.
SMALL_OPTIONS = "-W --keep-going -n -D handbook_check_unused=0"


def test_two_clean_builds_are_byte_identical(book, course_pack, tmp_path):
    """The HTML edition (of the cut-down book), read and written twice; the PDF on the
    course pack, made by the same LaTeX set-up (a second whole PDF would double the
    suite's longest step), written and typeset again from the session's read chapters
    (a copy: the reading is what the HTML builds compare)."""
    source = copy_of_book(tmp_path)
    for build in ("first", "second"):
        run_make(tmp_path / build, "html", SOURCE=str(source), SPHINXOPTS=SMALL_OPTIONS)
    assert differences(tmp_path / "first" / "html", tmp_path / "second" / "html") == []
    build_dir, _ = book
    doctrees = f"doctrees/latex-course-{EXAMPLE_COURSE}"
    shutil.copytree(build_dir / doctrees, tmp_path / "again" / doctrees)
    run_make(tmp_path / "again", "course", COURSE=EXAMPLE_COURSE)
    again = tmp_path / "again" / "pdf" / "courses" / course_pack.name
    assert course_pack.read_bytes() == again.read_bytes()


def test_parallel_html_build_is_identical_to_serial(tmp_path):
    source = copy_of_book(tmp_path)
    run_make(tmp_path / "serial", "html", SOURCE=str(source), SPHINXOPTS=SMALL_OPTIONS + " -j 1")
    run_make(tmp_path / "parallel", "html", SOURCE=str(source),
             SPHINXOPTS=SMALL_OPTIONS + " -j auto")
    assert differences(tmp_path / "serial" / "html", tmp_path / "parallel" / "html") == []


def edit(path: Path, old: str, new: str) -> None:
    """Replace *old* in *path* (it must be there). Written after the last build, the file
    is newer than it, and not newer than the next (which would then read it again)."""
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


# Edits to the text of chapters, each followed by an incremental build: an incremental
# build writes only some pages, and each edit changes what another page shows. (A later
# edit of the same page would hide a page left stale by an earlier one.)
FIGURE = """```{figure} figures/heat-pump-cycle.svg
:name: fig-heat-pump-cycle-again
:alt: The heat pump diagram again.

The heat pump diagram, shown first.
```

"""
TEXT_EDITS = [
    # Text only: the chapter alone changes.
    ("buildings/insulation.md", "## Overview", "## Overview\n\nAn added sentence."),
    # The company directory shows the panels' descriptions.
    ("buildings/district-heating.md",
     "description: Makes controls and substations for district heating networks.",
     "description: Makes controls, valves and substations for district heating networks."),
    # Another chapter refers to a figure of the heat pump chapter, by its number ...
    ("buildings/district-heating.md", "## Overview",
     "## Overview\n\nSee {numref}`fig-heat-pump-cycle`."),
    # ... which a figure added before it changes.
    ("buildings/high-efficiency-heat-pumps.md", "```{figure} figures/heat-pump-cycle.svg",
     FIGURE + "```{figure} figures/heat-pump-cycle.svg"),
    # The answer key shows the exercises' titles.
    ("buildings/smart-thermostats.md",
     ":::{exercise} Savings of a smart thermostat in a gas-heated home",
     ":::{exercise} What a smart thermostat saves in a gas-heated home"),
]


def test_incremental_builds_after_text_edits_equal_a_clean_build(tmp_path):
    source = copy_of_book(tmp_path)
    incremental = tmp_path / "incremental"
    run_make(incremental, "html", SOURCE=str(source), SPHINXOPTS=SMALL_OPTIONS)
    for page, old, new in TEXT_EDITS:
        edit(source / page, old, new)
        run_make(incremental, "html", SOURCE=str(source), SPHINXOPTS=SMALL_OPTIONS)
    clean = tmp_path / "clean"
    run_make(clean, "html", SOURCE=str(source), SPHINXOPTS=SMALL_OPTIONS)
    assert differences(incremental / "html", clean / "html") == []
    district_heating = (clean / "html" / "buildings" / "district-heating.html").read_text()
    assert "Fig. 1.2" in district_heating or "Figure 1.2" in district_heating


def test_live_preview_after_text_edits_equals_a_clean_build(tmp_path, monkeypatch):
    """`make live` builds again in the process that made the last build
    (handbook.live): after the same edits, its pages and search index are a clean
    build's; a change other than a chapter's text starts a fresh process."""
    source = copy_of_book(tmp_path)
    live = tmp_path / "live"
    # As the Makefile exports it, so that both builds print the same dates.
    commit_time = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO, text=True,
                                 capture_output=True, check=True).stdout.strip()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", commit_time)
    builder = LiveBuilder(["-c", str(REPO), *SMALL_OPTIONS.split(), "-b", "html", "-d",
                           str(live / "doctrees"), str(source), str(live / "html")], source)
    try:
        assert builder(changed_paths=[]) == 0
        worker = builder.worker.pid
        for page, old, new in TEXT_EDITS:
            edit(source / page, old, new)
            assert builder(changed_paths=[source / page]) == 0
        assert builder.worker.pid == worker
        bib = source / "references" / "insulation.bib"
        bib.write_text(bib.read_text() + "\n")
        assert builder(changed_paths=[bib]) == 0
        assert builder.worker.pid != worker
    finally:
        builder.stop()  # after the search index of the last build
    clean = tmp_path / "clean"
    run_make(clean, "html", SOURCE=str(source), SPHINXOPTS=SMALL_OPTIONS)
    assert differences(live / "html", clean / "html") == []


def test_incremental_build_equals_clean_build(tmp_path):
    source = copy_of_book(tmp_path)
    incremental = tmp_path / "incremental"
    run_make(incremental, "html", SOURCE=str(source), SPHINXOPTS=SMALL_OPTIONS)

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
    run_make(incremental, "html", SOURCE=str(source), SPHINXOPTS=SMALL_OPTIONS)

    clean = tmp_path / "clean"
    run_make(clean, "html", SOURCE=str(source), SPHINXOPTS=SMALL_OPTIONS)
    # Removing the chapter's .bib file changes the bibliography files named in the
    # configuration, so Sphinx keeps its previous build record as .buildinfo.bak and
    # rebuilds everything; the pages must still be the clean build's.
    assert differences(incremental / "html", clean / "html") in ([], [".buildinfo.bak"])
    assert not (incremental / "html" / "buildings" / "low-flow-fixtures.html").exists()


def test_failed_latex_run_names_the_chapter_and_leaves_no_pdf(tmp_path):
    source = copy_of_book(tmp_path)
    (source / "buildings" / "figures" / "broken.png").write_bytes(b"not a picture at all")
    records = source / "buildings" / "figures" / "pictures.yml"
    records.write_text(records.read_text() + "broken.png:\n  source: ours\n  licence: CC-BY-4.0\n")
    chapter = source / "buildings" / "insulation.md"
    chapter.write_text(chapter.read_text() + "\n![A broken picture](figures/broken.png)\n")
    out = tmp_path / "out"
    (out / "pdf").mkdir(parents=True)
    (out / "pdf" / f"{NAME}.pdf").write_bytes(b"%PDF- an old edition")
    result = subprocess.run(["make", "-C", str(REPO), "pdf", f"BUILD={out}", f"SOURCE={source}",
                             f"SPHINXOPTS={SMALL_OPTIONS}"], capture_output=True, text=True)
    assert result.returncode != 0
    assert "The PDF edition failed in chapter buildings/insulation" in result.stderr
    assert not (out / "pdf" / f"{NAME}.pdf").exists()
    assert not (out / "latex-a4" / f"{NAME}.pdf").exists()
