"""The entries of a company panel, read from its YAML: the one reading of the format
for the book's ``company-panel`` directive and for the importer, which looks up the
companies the book already lists.

The content is a list of mappings, each with ``name``, ``url`` (http or https) and
``description``, one line of text each::

    - name: Daikin
      url: https://www.daikin.com
      description: Air conditioning and heat pump systems.

An entry that breaks a rule is left out and described by a ``PanelProblem``.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from handbook.common import yaml_source
from handbook.common.links import web_url_problem

COMPANY_FIELDS = ("name", "url", "description")


@dataclass(frozen=True)
class CompanyEntry:
    name: str
    url: str
    description: str
    line: int       # 0-based line of the entry within the panel's content
    name_line: int  # 0-based line of its name


@dataclass(frozen=True)
class PanelProblem:
    message: str
    line: int  # 0-based within the panel's content
    subtype: str = "malformed-entry"


def read_company_entries(content: str) -> tuple[list[CompanyEntry], list[PanelProblem]]:
    """The valid entries of a panel's *content*, and a problem for each invalid one."""
    try:
        root = yaml_source.parse(content)
    except yaml_source.YamlProblem as problem:
        return [], [PanelProblem(str(problem), problem.line)]
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [PanelProblem("the content must be a list of companies, each "
                                 "'- name: …' with 'url:' and 'description:'", 0)]
    entries, problems = [], []
    for node in root.value:
        entry = _entry(node, problems)
        if entry is not None:
            entries.append(entry)
    return entries, problems


def _entry(node: yaml.Node, problems: list[PanelProblem]) -> CompanyEntry | None:
    line = node.start_mark.line
    if not isinstance(node, yaml.MappingNode):
        problems.append(PanelProblem("malformed entry: expected 'name:', 'url:' and "
                                     f"'description:', got {yaml_source.to_python(node)!r}", line))
        return None
    fields = yaml_source.mapping_items(node)
    label = repr(fields["name"].value) if "name" in fields else "an entry"
    unknown = sorted(set(fields) - set(COMPANY_FIELDS))
    if unknown:
        problems.append(PanelProblem(f"{label} has unknown field(s) {', '.join(unknown)}; "
                                     f"allowed: {', '.join(COMPANY_FIELDS)}", line))
    values = {}
    for field in COMPANY_FIELDS:
        located = fields.get(field)
        if located is None or located.value in (None, ""):
            problems.append(PanelProblem(f"{label} is missing its '{field}'", line,
                                         "missing-field"))
            return None
        if not isinstance(located.value, str) or "\n" in located.value.strip():
            problems.append(PanelProblem(f"{label} '{field}' must be one line of text",
                                         located.line))
            return None
        values[field] = located.value.strip()
    problem = web_url_problem(values["url"])
    if problem:
        problems.append(PanelProblem(f"{label}: {problem}", fields["url"].line, "bad-url"))
        return None
    return CompanyEntry(values["name"], values["url"], values["description"], line,
                        fields["name"].line)
