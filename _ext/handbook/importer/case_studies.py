"""Case studies of the old site, read from their fixed pattern.

Under a ``**Case Studies:**`` line, each numbered item reads::

    1. **Organisation or project, Region**: What was done and achieved ([Link text](https://…)).

and becomes a ``case-study`` with the title, region, link and text (its sector is the
heading the list sits under). An item out of this pattern is not guessed at: the
reason is returned, so that the item stays a list item and is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.common.links import web_url_problem
from handbook.importer.inline import LINK

MARKER = re.compile(r"^\s*\*\*\s*case stud(?:y|ies)\s*:?\s*\*\*\s*:?\s*$", re.I)
ITEM = re.compile(r"^(\s{0,3})(\d+)[.)](\s+)(.*)$")
BOLD_HEAD = re.compile(r"^\*\*(.+?)\*\*(.*)$")
SEPARATOR = re.compile(r"^\s*(?:[:\u2013\u2014]|-(?=\s))\s*")
TRAILING_LINK = re.compile(r"\(\s*(\[(?:[^\[\]]|\[[^\[\]]*\])*\]"            # ([text]
                           r"\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\))"       # (address)
                           r"\s*\)\s*[.;]?\s*$")                           # ).


@dataclass(frozen=True)
class CaseStudy:
    title: str
    region: str
    url: str
    link_text: str
    text: str  # the sentence(s) before the link, ending with a full stop
    line: int


def parse_case_study(item: str, line: int) -> CaseStudy | str:
    """The case study of a numbered item (without its number), or why it is out of pattern."""
    item = " ".join(item.split())
    head = BOLD_HEAD.match(item)
    if not head:
        return "it does not start with '**Organisation or project, Region**'"
    name, rest = head.group(1).strip(), head.group(2)
    had_colon = name.endswith(":")
    name = name.rstrip(":").strip()
    separator = SEPARATOR.match(rest)
    if not separator and not had_colon:
        return "no ':' after '**Organisation or project, Region**'"
    rest = rest[separator.end():] if separator else rest.strip()
    trailing = TRAILING_LINK.search(rest)
    if not trailing:
        return "it does not end with its link in parentheses: '([Link text](https://…)).'"
    link = LINK.fullmatch(trailing.group(1))
    if not link:
        return "its closing link is not a Markdown link"
    url = link.group(3).strip("<>")
    problem = web_url_problem(url)
    if problem:
        return f"its link: {problem}"
    if "," not in name:
        return "no region after its name ('**Organisation or project, Region**')"
    title, region = (part.strip() for part in name.rsplit(",", 1))
    if not title or not region:
        return "an empty name or region in '**Organisation or project, Region**'"
    text = rest[:trailing.start()].strip()
    if not text:
        return "no text before its link"
    if not text.endswith((".", "!", "?")):
        text += "."
    return CaseStudy(title, region, url, link.group(2).strip(), text, line)
