"""One table of conversion and emission factors, cited by name.

``data/factors.csv`` (``handbook_factors_csv``) holds every factor that the text,
exercises, solutions and teaching notes use, one row each::

    name,value,unit,covers,source
    uk-grid-electricity-2023,0.20707,kg CO2e/kWh,"CO2e, UK grid electricity, 2023, …",desnz2023conversionfactors

``covers`` says what the number covers (CO2 or CO2e, which year, which country, which
scope); ``source`` is a key of the bibliography. A chapter writes
``{factor}`uk-grid-electricity-2023``` and the reader sees ``0.20707 kg CO2e/kWh``,
linked to its row in the "Units and factors" appendix, which ``{factor-table}`` builds
from the table, citing each source. Warnings (``handbook.factor``): a name not in the
table (at the role's line), a malformed row (at its line in the table), a factor nothing
uses (at its line in the table, once every chapter is read).

The exact doctree of the snippet ``tests/snippets/factor.md`` is pinned in ``tests/snapshots/factor.txt``.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective, SphinxRole

from handbook.common.file_version import file_version
from handbook.common.text_files import read_quietly
from handbook.per_document import PerDocumentNames
from handbook.untrusted.source_files import read_source
from handbook.validation import warn

COLUMNS = ["name", "value", "unit", "covers", "source"]
USED = PerDocumentNames("handbook_factors_used")
NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
NUMBER = re.compile(r"-?\d+(\.\d+)?([eE]-?\d+)?")


@dataclass(frozen=True)
class Factor:
    name: str
    value: str
    unit: str
    covers: str
    source: str
    line: int

    @property
    def shown(self) -> str:
        return f"{self.value} {self.unit}"


def label(name: str) -> str:
    return f"factor-{name}"


def load_factors(path: Path, report: bool = False) -> dict[str, Factor]:
    """The table's valid rows by name; with *report*, each problem is a warning at its line."""
    def problem(message: str, line: int) -> None:
        if report:
            warn(message, "factor", f"{path}:{line}")

    if not path.is_file():
        return {}
    reader = csv.DictReader(io.StringIO(read_source(path) if report else path.read_text(
        encoding="utf-8", errors="replace"), newline=""))
    if reader.fieldnames != COLUMNS:
        problem(f"the factors table has the columns {','.join(COLUMNS)}", 1)
        return {}
    factors: dict[str, Factor] = {}
    for row in reader:
        line = reader.line_num
        values = {key: (row.get(key) or "").strip() for key in COLUMNS}
        missing = [key for key in COLUMNS if not values[key]]
        if missing:
            problem(f"factor {values['name'] or '(no name)'!r} is missing {', '.join(missing)}",
                    line)
        elif not NAME.fullmatch(values["name"]):
            problem(f"factor name {values['name']!r}: lower-case letters, digits and hyphens",
                    line)
        elif not NUMBER.fullmatch(values["value"]):
            problem(f"factor {values['name']!r}: {values['value']!r} is not a number", line)
        elif values["name"] in factors:
            problem(f"factor {values['name']!r} is listed twice (first at line "
                    f"{factors[values['name']].line})", line)
        else:
            factors[values["name"]] = Factor(**values, line=line)
    return factors


def factors_of(env: BuildEnvironment) -> dict[str, Factor]:
    """The table's factors (read again only when the file changed: every {factor} asks)."""
    path = Path(env.config.handbook_factors_csv)
    return _factors(path, file_version(path))


@functools.lru_cache(maxsize=2)
def _factors(path: Path, _version: tuple[int, int] | None) -> dict[str, Factor]:
    return load_factors(path)


class FactorRole(SphinxRole):
    """``{factor}`name```: the factor's value and unit, linked to its row in the appendix."""

    def run(self):
        name = self.text.strip()
        factor = factors_of(self.env).get(name)
        USED.note(self.env, {name})
        if factor is None:
            warn(f"factor {name!r} is not in the factors table "
                 f"({Path(self.config.handbook_factors_csv).name}); add it with its source",
                 "factor", self.get_location())
            return [nodes.literal(name, name)], []
        text = nodes.inline(factor.shown, factor.shown, classes=["hb-factor"])
        xref = addnodes.pending_xref("", text, refdomain="std", reftype="ref",
                                     reftarget=label(name), refexplicit=True,
                                     refwarn=True)
        self.set_source_info(xref)
        return [xref], []


class FactorTableDirective(SphinxDirective):
    """The "Units and factors" appendix: every row of the table, with its source cited."""

    def run(self):
        path = Path(self.config.handbook_factors_csv)
        self.env.note_dependency(str(path))
        factors = load_factors(path, report=True)
        lines = []
        rows = sorted(factors.values(), key=lambda f: f.name)
        for factor in rows:
            # Each row a labelled definition; the source is a footnote citation, so the
            # appendix cites what the table rests on.
            lines += [f"({label(factor.name)})=", f"`{factor.name}`",
                      f":  **{factor.value} {factor.unit}**: {factor.covers}"
                      f" {{footcite:p}}`{factor.source}`", ""]
        parsed = self.parse_text_to_nodes("\n".join(lines))
        # A later check of the text (house style, say) points at the table's row, where
        # the text is written, not at this directive.
        items = [item for node in parsed for item in node.findall(nodes.definition_list_item)]
        for factor, item in zip(rows, items):
            for node in item.findall():
                node.source, node.line = str(path), factor.line
        return parsed


ROLE_IN_SOURCE = re.compile(r"\{factor\}`\s*([^`]+?)\s*`")


def report_unused(app: Sphinx, env: BuildEnvironment) -> None:
    if not app.config.handbook_check_unused:  # a partial book (see bibliography.py)
        return
    # From the sources, not the doctrees: a factor used only in a teaching note or a
    # solution is still used, though this edition does not show it.
    used = USED.all(env)
    for docname in env.found_docs:
        used |= set(ROLE_IN_SOURCE.findall(read_quietly(env.doc2path(docname))))
    path = Path(app.config.handbook_factors_csv)
    for factor in factors_of(env).values():
        if factor.name not in used:
            warn(f"factor {factor.name!r} is used nowhere in the book; use it or remove it",
                 "factor", f"{path}:{factor.line}")


def setup_factors(app: Sphinx) -> None:
    app.add_config_value("handbook_factors_csv", "", "env", types=[str])
    app.add_role("factor", FactorRole())
    app.add_directive("factor-table", FactorTableDirective)
    USED.connect(app)
    app.connect("env-check-consistency", report_unused)
