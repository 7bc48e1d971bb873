"""The old site's company block, read into companies for a ``company-panel``.

Source (``:::company`` admonition)::

    :::company job openings
    ### [View open jobs in this Solution](https://climatebase.org/jobs?…)
    #### Example Companies
    - [Danfoss](https://www.danfoss.com) - Controls for heating networks.
    - [Logstor](https://www.logstor.com) – Pipes. [Kamstrup](https://www.kamstrup.com): Meters.
    :::

A company starts with a link at the start of a list item, or with a link that follows
a separator (``,``, ``;``, ``.``, ``|``, "and") and is itself followed by one (`` - ``,
`` – ``, `` — ``, ``: ``, a comma before the next company, or the end of the line).
Links inside a description are left in the description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from handbook.common.company_key import company_key
from handbook.common.links import web_url_problem
from handbook.importer.inline import LINK

LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
NAME_SEPARATOR = re.compile(r"^\s*(?:\*\*)?\s*(?:[-\u2013\u2014:]+|\|)\s*")
BEFORE_NEXT_COMPANY = re.compile(r"(?:[,;.|\u2022\u00b7/&]|\band)\s*(?:\*\*)?\s*$", re.I)
NAME_DASH = re.compile(r"^\s*(?:\*\*)?\s*[-\u2013\u2014:]")
LIST_SEPARATOR = re.compile(r"^\s*(?:\*\*)?\s*[,;&|]")
DEFAULT_TITLES = ("example companies", "companies")


@dataclass
class ParsedCompany:
    name: str
    url: str          # "" when the line gave none
    description: str  # "" when the line gave none
    line: int
    source: str       # the list item as written, for the report


@dataclass
class CompanyBlock:
    jobs: str | None = None
    title: str | None = None
    companies: list[ParsedCompany] = field(default_factory=list)
    other_lines: list[tuple[int, str]] = field(default_factory=list)  # kept after the panel
    shared_descriptions: list[ParsedCompany] = field(default_factory=list)


def strip_bold(text: str) -> str:
    text = text.strip()
    while len(text) > 4 and text.startswith("**") and text.endswith("**"):
        text = text[2:-2].strip()
    return text


def is_jobs_link(text: str, url: str) -> bool:
    return "open jobs" in text.lower() or "jobs" in url.lower() and "climatebase" in url.lower()


def read_company_block(lines: list[tuple[int, str]]) -> CompanyBlock:
    """The jobs link, title and companies of a company block; *lines* are (line, text)."""
    block = CompanyBlock()
    for no, text in lines:
        if not text.strip():
            block.other_lines.append((no, ""))
            continue
        heading = HEADING.match(text)
        content = strip_bold(heading.group(2) if heading else text.strip().strip("*_"))
        link = LINK.fullmatch(content)
        if link and not link.group(1) and block.jobs is None \
                and is_jobs_link(link.group(2), link.group(3)):
            block.jobs = link.group(3).strip("<>")
            continue
        if heading:
            if content.lower().rstrip(":") in DEFAULT_TITLES:
                continue  # the panel's own title says the same
            if block.title is None and not block.companies:
                block.title = content.rstrip(":")
                continue
        item = LIST_ITEM.match(text)
        if item:
            block.companies.extend(parse_company_line(item.group(1), no, block))
            continue
        block.other_lines.append((no, text))
    return block


def parse_company_line(text: str, line: int,
                       block: CompanyBlock | None = None) -> list[ParsedCompany]:
    """The companies of one list item (without its marker)."""
    text = text.strip()
    starts = company_links(text)
    if not starts:
        name, description = split_name(text)
        return [ParsedCompany(name, "", description, line, text)]
    companies = []
    for k, match in enumerate(starts):
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        rest = text[match.end():end]
        description = NAME_SEPARATOR.sub("", rest, count=1) if NAME_SEPARATOR.match(rest) else rest
        description = re.sub(r"(?:[,;|\u2022\u00b7/&]|\band)\s*(?:\*\*)?\s*$", "",
                             description.strip(), flags=re.I).strip()
        description = strip_bold(description) if description.startswith("**") else description
        companies.append(ParsedCompany(strip_bold(match.group(2)), match.group(3).strip("<>"),
                                       description, line, text))
    # "[A](…), [B](…) - Both make X": the description that follows is shared.
    for k in range(len(companies) - 2, -1, -1):
        if not companies[k].description and companies[k + 1].description:
            companies[k].description = companies[k + 1].description
            if block is not None:
                block.shared_descriptions.append(companies[k])
    return companies


def company_links(text: str) -> list[re.Match]:
    """The links of *text* that start a company (none if the item does not start with one)."""
    links = [m for m in LINK.finditer(text) if not m.group(1)]
    if not links or text[:links[0].start()].strip(" *"):
        return []
    starts = [links[0]]
    for k, match in enumerate(links[1:], start=1):
        before, after = text[:match.start()], text[match.end():]
        # "[A](…), [B](…) - …": a list of companies sharing what follows.
        next_company_follows = (k + 1 < len(links) and LIST_SEPARATOR.match(after)
                                and not text[match.end():links[k + 1].start()].strip(" ,;*&|"))
        if BEFORE_NEXT_COMPANY.search(before) and (
                NAME_DASH.match(after) or not after.strip(" *.") or next_company_follows):
            starts.append(match)
    return starts


def split_name(text: str) -> tuple[str, str]:
    """Name and description of a company line that has no link."""
    parts = re.split(r"\s+[-\u2013\u2014]\s+|:\s+", text, maxsplit=1)
    name = strip_bold(parts[0]).strip()
    return name, parts[1].strip() if len(parts) > 1 else ""


# -- the companies already in the book -----------------------------------------------------
@dataclass(frozen=True)
class KnownCompany:
    name: str
    url: str
    description: str
    path: Path
    line: int


class CompanyRegistry:
    """Companies of the book's company panels, by name, in the order the book was read."""

    def __init__(self):
        self.places: dict[str, list[KnownCompany]] = {}

    def add(self, company: KnownCompany) -> None:
        self.places.setdefault(company_key(company.name), []).append(company)

    def get(self, name: str, exclude: Path | None = None) -> KnownCompany | None:
        """The first place that lists *name*, other than the file *exclude*."""
        return next((place for place in self.places.get(company_key(name), [])
                     if exclude is None or place.path != exclude), None)

    def copy(self) -> "CompanyRegistry":
        registry = CompanyRegistry()
        registry.places = {key: list(places) for key, places in self.places.items()}
        return registry

    def replace_file(self, path: Path, companies: list[KnownCompany]) -> None:
        """*path* was (re)written: its companies are now these."""
        for key in list(self.places):
            self.places[key] = [place for place in self.places[key] if place.path != path]
        for company in companies:
            self.add(company)


def usable_url(url: str) -> bool:
    return web_url_problem(url) is None
