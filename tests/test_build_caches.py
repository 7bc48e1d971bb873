"""What the build keeps between runs and in its environment stays correct: compiled
templates follow their sources, and the environment holds no copies of chapters."""

from __future__ import annotations

import os
import pickle
import time

import pytest

LAYOUT = """{% extends "!layout.html" %}
{% block extrahead %}<meta name="template-marker" content="MARK">{{ super() }}{% endblock %}
"""


def test_an_edited_template_is_used_by_the_next_build(build_book, tmp_path):
    srcdir = tmp_path / "src"
    layout = tmp_path / "templates" / "layout.html"
    layout.parent.mkdir()
    layout.write_text(LAYOUT.replace("MARK", "first version"))
    pages = {"index.md": "# A page\n\nSome text.\n"}
    app, warnings = build_book(pages, srcdir=srcdir, templates_path=[str(layout.parent)])
    assert warnings == ""
    page = app.outdir / "index.html"
    assert "first version" in page.read_text()
    compiled = list((app.doctreedir / "html-templates").iterdir())
    assert compiled, "the compiled templates were not kept"

    layout.write_text(LAYOUT.replace("MARK", "second version"))
    later = time.time() + 10
    os.utime(layout, (later, later))
    app, warnings = build_book(pages, srcdir=srcdir, templates_path=[str(layout.parent)])
    assert warnings == ""
    text = page.read_text()
    assert "second version" in text and "first version" not in text


@pytest.mark.book
def test_exercises_in_the_environment_do_not_carry_their_chapters(book):
    build_dir, _ = book
    with open(build_dir / "doctrees" / "html" / "environment.pickle", "rb") as pickled:
        env = pickle.load(pickled)
    registry = env.sphinx_exercise_registry
    chapters = {entry["docname"] for entry in registry.values()}
    assert len(chapters) >= 16, chapters
    for label, entry in registry.items():
        node = entry["node"]
        assert node.parent is None, label
        assert all(part.document is None for part in node.findall()), label
