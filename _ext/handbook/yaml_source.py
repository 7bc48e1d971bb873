"""YAML that remembers where each value came from, so warnings can name the line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


class YamlProblem(Exception):
    """Malformed YAML; ``line`` is 0-based within the parsed text."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Located:
    """A plain Python value and the 0-based line it starts on."""

    value: Any
    line: int


def parse(text: str) -> yaml.Node | None:
    """Compose *text* into a YAML node tree (None for an empty document)."""
    loader = yaml.SafeLoader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or str(error)
        raise YamlProblem(f"malformed YAML: {reason}", mark.line if mark else 0) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"malformed YAML: {error}", 0) from None
    finally:
        loader.dispose()


def to_python(node: yaml.Node) -> Any:
    """The plain value of *node*, as ``yaml.safe_load`` would give it."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def mapping_items(node: yaml.MappingNode) -> dict[str, Located]:
    """The entries of a mapping node, keyed by their (string) key."""
    items: dict[str, Located] = {}
    for key_node, value_node in node.value:
        items[str(to_python(key_node))] = Located(to_python(value_node), value_node.start_mark.line)
    return items
