"""YAML that remembers where each value came from, so warnings can name the line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


class YamlProblem(Exception):
    """Malformed YAML; ``line`` is 0-based within the parsed text."""

    def __init__(self, message: str, line: int, beyond_yaml: bool = False):
        super().__init__(message)
        self.line = line
        # True for our own stricter rules (a key twice, an alias, a value no plain YAML
        # loader would build), which a reader of the YAML alone would not report.
        self.beyond_yaml = beyond_yaml


@dataclass(frozen=True)
class Located:
    """A plain Python value and the 0-based line it starts on."""

    value: Any
    line: int


def parse(text: str) -> yaml.Node | None:
    """Compose *text* into a YAML node tree (None for an empty document)."""
    try:
        # The reader checks every character when it is made: NUL and other controls
        # are refused here, with the place of the first one.
        loader = yaml.SafeLoader(text)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position)
        raise YamlProblem(f"malformed YAML: character U+{error.character:04X} is not "
                          "allowed in YAML", line) from None
    try:
        root = loader.get_single_node()
        if root is not None:
            check_plain(root, set())
            try:
                to_python(root)
            except yaml.MarkedYAMLError as error:  # a tag no safe loader builds
                mark = error.problem_mark or error.context_mark
                raise YamlProblem(f"malformed YAML: {error.problem or error}",
                                  mark.line if mark else 0, beyond_yaml=True) from None
        return root
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or str(error)
        raise YamlProblem(f"malformed YAML: {reason}", mark.line if mark else 0) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"malformed YAML: {error}", 0) from None
    finally:
        loader.dispose()


def check_plain(node: yaml.Node, seen: set[int]) -> None:
    """Refuse what plain data never needs: a node met twice (an alias, ``*name``, which
    can also nest itself or multiply) and a key given twice (the last would silently win)."""
    if id(node) in seen:
        raise YamlProblem("YAML aliases (*name) are not allowed; write the value out",
                          node.start_mark.line, beyond_yaml=True)
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[str] = set()
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in keys:
                    raise YamlProblem(f"the key {key_node.value!r} is given twice",
                                      key_node.start_mark.line, beyond_yaml=True)
                keys.add(key_node.value)
            check_plain(key_node, seen)
            check_plain(value_node, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            check_plain(item, seen)


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
