"""Project Drawdown's table of solutions, read from our data file.

``data/drawdown-solutions.csv`` (set by ``handbook_drawdown_csv``) is the one source of
the Drawdown figures in the book. Columns: ``solution``, ``sectors`` (separated by
``;``), ``scenario_1_gt`` and ``scenario_2_gt`` (gigatonnes of CO2-equivalent avoided or
sequestered 2020–2050; empty where Drawdown did not model the solution).

Read by the book (``drawdown_table.py``) and by the importer; no Sphinx here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from handbook.common.file_version import file_version
from handbook.common.text_files import decode_source, universal_newlines

COLUMNS = ["solution", "sectors", "scenario_1_gt", "scenario_2_gt"]
HOME_FIRST = "Buildings"


class DrawdownDataError(Exception):
    """A problem in the data file; ``line`` is 1-based."""

    def __init__(self, message: str, path: Path, line: int):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line = path, line


@dataclass(frozen=True)
class Solution:
    name: str
    sectors: tuple[str, ...]
    scenario_1: float | None  # None: not modelled by Drawdown
    scenario_2: float | None

    @property
    def home_sector(self) -> str:
        """The sector whose part of the book holds the chapter: Buildings when Buildings
        is among the sectors (a building solution stays with the other building ones),
        otherwise the first sector listed."""
        return HOME_FIRST if HOME_FIRST in self.sectors else self.sectors[0]


def _figure(text: str, path: Path, line: int) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise DrawdownDataError(f"{text!r} is not a number", path, line) from None


@lru_cache(maxsize=4)
def _load(path: Path, _version: tuple[int, int] | None, read: Callable[[Path], str]) -> dict[str, Solution]:
    solutions: dict[str, Solution] = {}
    with io.StringIO(read(path), newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise DrawdownDataError(f"expected the columns {','.join(COLUMNS)}", path, 1)
        for row in reader:
            line = reader.line_num
            name = (row["solution"] or "").strip()
            if not name:
                raise DrawdownDataError("a row has no solution name", path, line)
            if name in solutions:
                raise DrawdownDataError(f"{name!r} is listed twice", path, line)
            sectors = tuple(s.strip() for s in (row["sectors"] or "").split(";") if s.strip())
            if not sectors:
                raise DrawdownDataError(f"{name!r} has no sector", path, line)
            if len(set(sectors)) != len(sectors):
                raise DrawdownDataError(f"{name!r} lists a sector twice", path, line)
            solutions[name] = Solution(name, sectors, _figure(row["scenario_1_gt"] or "", path, line),
                                       _figure(row["scenario_2_gt"] or "", path, line))
    return solutions


def read_strictly(path: Path) -> str:
    """The data file's text; a byte that is not UTF-8 is an error at its line."""
    decoded = decode_source(path.read_bytes())
    if decoded.problem:
        raise DrawdownDataError(decoded.problem, path, decoded.line)
    return universal_newlines(decoded.text)


def load_solutions(path: str | Path,
                   read: Callable[[Path], str] = read_strictly) -> dict[str, Solution]:
    """All solutions by name (cached until the file changes). *read* gives a file's text;
    the book passes one that reports a byte that is not UTF-8 at its line."""
    path = Path(path)
    if not path.is_file():
        raise DrawdownDataError("the Drawdown data file does not exist", path, 0)
    return _load(path, file_version(path), read)
