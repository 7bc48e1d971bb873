"""The code's architecture holds: the contracts in pyproject.toml ([tool.importlinter]:
no Sphinx in the importer and the shared rules, the book never using the importer, no
import cycle), and the importer's command really starts without Sphinx."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_import_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports), "--config", str(REPO / "pyproject.toml"),
                             "--no-cache"], cwd=REPO / "_ext", capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout, result.stdout


def test_the_import_command_loads_no_sphinx():
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "handbook.importer.cli",
                             "--help"], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "usage: handbook" in result.stdout
    loaded = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
              if line.startswith("import time:")}
    assert "handbook.importer.run" in loaded  # the importer itself is loaded
    heavy = sorted(name for name in loaded
                   if name.split(".")[0] in ("sphinx", "docutils", "jinja2", "sphinx_exercise"))
    assert not heavy, heavy


def discarded_warnings(source: str) -> list[int]:
    """Lines where a test builds a book and does not check its warnings: ``app, _ =
    build_…``, warnings kept but in no assert (nor returned), or a build whose result is
    not kept (outside ``pytest.raises``)."""
    builds = ("build_book", "build_page")
    lines = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef):
            continue
        checked = {name.id for statement in ast.walk(function)
                   if isinstance(statement, (ast.Assert, ast.Return)) and statement.__dict__.get(
                       "test", statement.__dict__.get("value")) is not None
                   for name in ast.walk(statement) if isinstance(name, ast.Name)}
        raising = {id(node) for item in ast.walk(function) if isinstance(item, ast.With)
                   for node in ast.walk(item)}
        for node in ast.walk(function):
            call = getattr(node, "value", None)
            if not isinstance(call, ast.Call) or getattr(call.func, "id", "") not in builds:
                continue
            if isinstance(node, ast.Assign):
                target = node.targets[0]
                warnings = (target.elts[1].id if isinstance(target, ast.Tuple)
                            and len(target.elts) == 2 and isinstance(target.elts[1], ast.Name)
                            else "_")
                if warnings == "_" or warnings not in checked:
                    lines.append(node.lineno)
            elif isinstance(node, ast.Expr) and id(node) not in raising:
                lines.append(node.lineno)
    return sorted(set(lines))


def test_every_test_build_keeps_its_warnings_to_check_them():
    found = {path.name: lines for path in sorted((REPO / "tests").glob("test_*.py"))
             if (lines := discarded_warnings(path.read_text()))}
    assert not found, found


def test_the_warnings_check_finds_a_discarded_warning():
    assert discarded_warnings("def t(build_page):\n    app, _ = build_page('x')\n") == [2]
    assert discarded_warnings("def t(build_page):\n    build_page('x')\n") == [2]
    assert discarded_warnings("def t(build_page):\n    app, warnings = build_page('x')\n") == [2]
    assert discarded_warnings("def t(build_page):\n    app, warnings = build_page('x')\n"
                              "    assert warnings == ''\n") == []
