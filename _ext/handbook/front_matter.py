"""A chapter's front matter, read with line numbers so that problems can be located.

MyST turns front matter into document metadata as strings; the checks here need the
typed values and the line of each key, so the YAML is read again from the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handbook.common import yaml_source
from handbook.common.characters import without_hidden_controls
from handbook.common.text_files import read_quietly

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class FrontMatterValue:
    value: Any
    line: int  # 1-based line in the chapter's file


def read_front_matter(path: Path) -> dict[str, FrontMatterValue]:
    """Keys of the front matter of *path*, each with its 1-based line (empty if none or broken).

    Broken YAML is reported by MyST itself ("Malformed YAML"), so it is not repeated here.
    """
    # As Sphinx reads the page: bad bytes replaced, hidden controls removed (each is
    # reported once, when Sphinx reads it).
    return front_matter_of(without_hidden_controls(read_quietly(path)))


def front_matter_of(text: str) -> dict[str, FrontMatterValue]:
    """Keys of the front matter of the Markdown source *text*, as read_front_matter."""
    match = _FRONT_MATTER.match(text)
    if not match or not match.group(1):
        return {}
    try:
        root = yaml_source.parse(match.group(1))
    except yaml_source.YamlProblem:
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    # +2: line 1 of the file is the opening '---', and YAML lines are 0-based.
    return {key: FrontMatterValue(item.value, item.line + 2)
            for key, item in yaml_source.mapping_items(root).items()}


def front_matter_problem(text: str) -> yaml_source.YamlProblem | None:
    """What our stricter YAML rules find in the front matter of *text* (a key given twice,
    an alias, a tag no safe loader builds), its ``line`` counted in the file; None if
    nothing, or if the YAML is plainly malformed (MyST reports that itself)."""
    match = _FRONT_MATTER.match(text)
    if not match or not match.group(1):
        return None
    try:
        yaml_source.parse(match.group(1))
    except yaml_source.YamlProblem as problem:
        if problem.beyond_yaml:
            problem.line += 2
            return problem
    return None
