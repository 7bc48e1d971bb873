"""The doctree each of our directives and roles produces, pinned.

Each page of ``tests/snippets/`` is built alone (root ``test-snippets``, HTML builder),
and its resolved doctree must equal ``tests/snapshots/<snippet>.txt`` to the letter: a
change to what a directive makes shows in review as a change to that file. The drawings
in the directives' docstrings are these trees, abridged. After an intended change, run
``HANDBOOK_UPDATE_SNAPSHOTS=1 make test`` (or pytest on this file) and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from handbook.untrusted.markup_policy import DIRECTIVES, ROLES
from sphinx.util.console import strip_escape_sequences

HERE = Path(__file__).parent
SNIPPETS = sorted((HERE / "snippets").glob("*.md"))
# Settings a snippet needs (the teaching note exists only in the instructor edition; the
# map needs the country outlines that `make setup` installs).
ATLAS = HERE.parent / "tools" / "world-atlas" / "node_modules" / "world-atlas" / "countries-110m.json"
SETTINGS = {"teaching-note": {"handbook_edition": "instructor"},
            "case-study-map": {"handbook_world_atlas": str(ATLAS)}}


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda path: path.stem)
def test_snippet_doctree_is_as_pinned(make_app, tmp_path, snippet):
    srcdir = tmp_path / "src"
    shutil.copytree(HERE / "roots" / "test-snippets", srcdir)
    shutil.copy(snippet, srcdir / "index.md")
    app = make_app("html", srcdir=srcdir, confoverrides=SETTINGS.get(snippet.stem, {}))
    app.build()
    assert strip_escape_sequences(app.warning.getvalue()) == ""
    doctree = app.env.get_and_resolve_doctree("index", app.builder)
    tree = doctree.pformat().replace(str(srcdir), "<srcdir>")
    pinned = HERE / "snapshots" / f"{snippet.stem}.txt"
    if os.environ.get("HANDBOOK_UPDATE_SNAPSHOTS") or not pinned.exists():
        pinned.write_text(tree, encoding="utf-8")
        if not os.environ.get("HANDBOOK_UPDATE_SNAPSHOTS"):
            pytest.fail(f"{pinned.name} was missing and has been written: review and commit it")
    assert tree == pinned.read_text(encoding="utf-8")


def test_every_directive_and_role_of_ours_has_a_snippet():
    ours = [name for rules in (DIRECTIVES, ROLES) for name, rule in rules.items()
            if rule.reason.startswith("our ")]
    assert "company-panel" in ours and "factor" in ours
    used = "\n".join(path.read_text() for path in SNIPPETS)
    missing = [name for name in ours if f"{{{name}}}" not in used]
    assert not missing, missing
