"""Shared fixtures: Sphinx's test fixtures, our test roots, and a one-page book builder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.util.console import strip_escape_sequences

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def build_page(make_app, tmp_path):
    """Build a book whose only page is *text*; return the app and its warnings as text."""

    def build(text: str, builder: str = "html", **confoverrides):
        srcdir = tmp_path / "src"
        shutil.copytree(ROOTS / "test-minimal", srcdir, dirs_exist_ok=True)
        (srcdir / "index.md").write_text(text, encoding="utf-8")
        app = make_app(builder, srcdir=srcdir, confoverrides=confoverrides)
        app.build()
        return app, strip_escape_sequences(app.warning.getvalue())

    return build
