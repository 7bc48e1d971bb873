"""Where each picture comes from and under which licence: ``pictures.yml`` next to it.

Every folder that holds pictures has a ``pictures.yml``, one entry per file::

    heat-pump-cycle.svg:
      source: ours              # drawn for this book (CC BY 4.0, like the text)
      licence: CC-BY-4.0
    cargo-bike.png:
      source: Jane Doe, Wikimedia Commons
      url: https://commons.wikimedia.org/wiki/File:Cargo_bike.png
      licence: CC-BY-SA-4.0

The book is CC BY 4.0, so a picture must allow the same reuse: licences with
NonCommercial or NoDerivatives terms, and pictures with no licence, are refused.
Read by the book (``picture_credits.py``) and written by the importer; no Sphinx here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.common.licences import LICENCE_NAMES
from handbook.common.links import web_url_problem
from handbook.common.text_files import decode_source, universal_newlines
from handbook.common.yaml_source import YamlProblem, mapping_items, parse

RECORDS_FILE = "pictures.yml"
OURS = "ours"
UNKNOWN = "unknown"  # written by the importer: the old site never said who made its pictures
HEADER = ("# Where each picture of this folder comes from, and its licence "
          "(README: \"Pictures: source and licence\").\n")
FIELDS = ("source", "licence", "url")


@dataclass(frozen=True)
class PictureRecord:
    file: str
    source: str
    licence: str
    url: str
    line: int  # 1-based, in pictures.yml

    @property
    def ours(self) -> bool:
        return self.source == OURS

    def credit(self) -> str:
        """The words a caption carries: "Picture: Jane Doe, Wikimedia Commons, CC BY-SA 4.0." """
        return f"Picture: {self.source}, {LICENCE_NAMES[self.licence]}."


@dataclass(frozen=True)
class RecordProblem:
    message: str
    line: int  # 1-based


def read_records(path: Path) -> tuple[dict[str, PictureRecord], list[RecordProblem]]:
    """The records of *path* (a ``pictures.yml``) and what is wrong with the others."""
    decoded = decode_source(path.read_bytes())
    if decoded.problem:
        return {}, [RecordProblem(decoded.problem, decoded.line)]
    try:
        root = parse(universal_newlines(decoded.text))
    except YamlProblem as problem:
        return {}, [RecordProblem(str(problem), problem.line + 1)]
    if root is None:
        return {}, []
    if not isinstance(root, yaml.MappingNode):
        return {}, [RecordProblem("expected one entry per picture file: 'name.png: {source: …, "
                                  "licence: …}'", root.start_mark.line + 1)]
    records, problems = {}, []
    for key_node, value_node in root.value:
        name, line = str(key_node.value), key_node.start_mark.line + 1
        record, problem = _record(name, value_node, line)
        if problem:
            problems.append(RecordProblem(f"{name}: {problem}", line))
        else:
            records[name] = record
    return records, problems


def _record(name: str, node, line: int) -> tuple[PictureRecord | None, str | None]:
    if not isinstance(node, yaml.MappingNode):
        return None, "expected 'source' and 'licence' under the file name"
    fields = {key: located.value for key, located in mapping_items(node).items()}
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        return None, f"unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})"
    source = str(fields.get("source") or "").strip()
    licence = str(fields.get("licence") or "").strip()
    url = str(fields.get("url") or "").strip()
    if not source:
        return None, "no 'source': say who made the picture ('ours' if it was drawn for this book)"
    if not licence:
        return None, "no 'licence': give its SPDX identifier, e.g. CC-BY-4.0"
    if licence == UNKNOWN:
        return None, ("its licence is not known yet: find who made the picture and under which "
                      "licence, and record them (or remove the picture)")
    if licence not in LICENCE_NAMES:
        return None, (f"licence {licence!r} does not allow the reuse the book's CC BY 4.0 "
                      f"promises (allowed: {', '.join(LICENCE_NAMES)})")
    if source == OURS and licence != "CC-BY-4.0":
        return None, "a picture of ours is CC-BY-4.0, like the text"
    if source != OURS and not url:
        return None, "no 'url': where the picture and its licence can be checked"
    if url and (problem := web_url_problem(url)):
        return None, problem
    return PictureRecord(name, source, licence, url, line), None


def add_unknown_record(path: Path, name: str, origin: str) -> bool:
    """Record *name* in *path* with its licence 'unknown' (the build refuses it until someone
    fills it in); False when *name* already has an entry."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    try:
        recorded = yaml.safe_load(text) or {}
    except yaml.YAMLError:
        recorded = {}
    if name in recorded:
        return False
    key = name if re.fullmatch(r"[\w][\w.-]*", name) else json.dumps(name)
    entry = (f"{key}:\n  source: {json.dumps(origin)}\n"
             f"  licence: {UNKNOWN}  # who made it, and under which licence? Fill in before "
             "publishing\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip("\n") + "\n" + entry, encoding="utf-8")
    return True
