"""Case studies of the old site, read from every shape its lists use.

Under a ``**Case Studies:**`` line, each numbered (or bulleted) item names a project and
says what it did. The site writes it in a family of shapes::

    1. **Copenhagen District Heating, Denmark**: What was done ([Link text](https://…)).
    2. **Eviation Alice**: All-electric aircraft … ([Eviation](https://…)).     no region
    3. **World Agroforestry Centre (ICRAF)**: … ([ICRAF](https://…)).         acronym
    4. **Drax (United Kingdom)** – …                                         region in brackets
    5. [ISS](https://…): … / **[ISS](https://…), Global**: …                  name is the link
    6. **Name, Region** — text with [a link](https://…) in the middle.         dash, link inside
    7. **Name, Region:** text ([Link](https://…));                            colon in the bold

and becomes a ``case-study`` with the title, the region the page gives (None when it
gives none: the converter writes "Not stated" and reports it), the link and the text.
A region is what follows the name's last comma (or sits in its closing brackets) when
the book's vocabulary knows it as a place; otherwise it is part of the name ("Tesla,
Inc.", "(ICRAF)"). An item that is not a case study at all is not guessed at: the reason
is returned, so that the item stays a list item and is reported with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handbook.common import case_study_vocabulary as vocabulary
from handbook.common.links import web_url_problem
from handbook.importer.inline import LINK

MARKER = re.compile(r"^\s*(?:\*\*|__|\*|_)?\s*case stud(?:y|ies)\s*:?\s*(?:\*\*|__|\*|_)?\s*:?\s*$",
                    re.I)
ITEM = re.compile(r"^(\s{0,3})(\d+)[.)](\s+)(.*)$")
BOLD_HEAD = re.compile(r"^(\*\*|__)(.+?)\1(.*)$")
SEPARATOR = re.compile(r"^\s*(?:[:\u2013\u2014]|--?(?=\s))\s*")
# The closing link: "([text](url))." or "[text](url)." or "(Source: [text](url))".
TRAILING_LINK = re.compile(r"(?:\(\s*(?:source:\s*)?|[-\u2013\u2014]\s*|^|\s)"
                           r"(\[(?:[^\[\]]|\[[^\[\]]*\])*\]"                  # [text]
                           r"\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\))"          # (address)
                           r"\s*\)?\s*[.;,]?\s*$", re.I)
BRACKETED_END = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")
# Words after a comma that belong to a company's name, not to a place.
COMPANY_SUFFIXES = {"inc", "inc.", "ltd", "ltd.", "llc", "plc", "co", "co.", "corp", "corp.",
                    "gmbh", "ag", "sa", "s.a.", "bv", "b.v.", "nv", "n.v.", "ab", "as", "a/s",
                    "pbc", "lp", "l.p.", "pty ltd", "limited", "srl", "spa", "s.p.a."}
# Ways of saying "everywhere" that the vocabulary writes "Global".
GLOBAL_WORDS = {"global", "globally", "worldwide", "world", "international", "various",
                "multiple countries", "multiple locations", "multinational"}


@dataclass(frozen=True)
class CaseStudy:
    title: str
    region: str | None      # as the page writes it; None: the page names none
    url: str | None         # None: the page gives no link (the converter may know one)
    link_text: str | None
    text: str               # Markdown, ending with a full stop; a closing link is taken out
    line: int
    link_in_text: bool = False  # the link was found inside the text, and stays there


def parse_case_study(item: str, line: int) -> CaseStudy | str:
    """The case study of a numbered item (without its number), or why it is none."""
    item = " ".join(item.split())
    head = read_head(item)
    if isinstance(head, str):
        return head
    name, head_url, rest = head
    separator = SEPARATOR.match(rest)
    if separator:
        rest = rest[separator.end():]
    elif not name.endswith(":"):
        return "no ':' (or dash) after the name '**Organisation or project**'"
    name = name.rstrip(":").strip()
    title, region = split_region(name)
    if not title:
        return "an empty name in '**Organisation or project**'"
    text, url, link_text, inside = rest.strip(), head_url, title if head_url else None, False
    trailing = TRAILING_LINK.search(text)
    if trailing:
        link = LINK.fullmatch(trailing.group(1))
        if not link:
            return "its closing link is not a Markdown link"
        url, link_text = link.group(3).strip("<>"), link.group(2).strip()
        text = text[:trailing.start()].strip()
    elif head_url is None:
        inner = next((m for m in LINK.finditer(text)
                      if not m.group(1) and re.match(r"^<?https?://", m.group(3), re.I)), None)
        if inner:  # the one link of the text, in the middle of it: it stays in the text
            url, link_text, inside = inner.group(3).strip("<>"), inner.group(2).strip(), True
    if url is not None:
        problem = web_url_problem(url)
        if problem:
            return f"its link: {problem}"
    text = text.rstrip(" ,;:-\u2013\u2014")
    if not text:
        return "no text after its name" if url is None else "no text before its link"
    if not text.endswith((".", "!", "?")):
        text += "."
    return CaseStudy(title, region, url, link_text, text, line, inside)


def read_head(item: str) -> tuple[str, str | None, str] | str:
    """(name, the name's own link or None, the rest) of an item that starts with its name
    in bold or as a link; else why it does not."""
    link = LINK.match(item)
    if link and not link.group(1):  # "[ISS](https://…): …", "[**ISS**](https://…) – …"
        return plain(link.group(2)), link.group(3).strip("<>"), item[link.end():]
    bold = BOLD_HEAD.match(item)
    if not bold:
        return "it does not start with its name in bold ('**Organisation or project**')"
    name, rest = bold.group(2).strip(), bold.group(3)
    inner = LINK.search(name)
    url = None
    if inner and not inner.group(1):  # "**[ISS](https://…), Global**"
        url = inner.group(3).strip("<>")
        name = (name[:inner.start()] + inner.group(2) + name[inner.end():]).strip()
    return plain(name), url, rest


def plain(text: str) -> str:
    return " ".join(re.sub(r"(\*\*|__)", "", text).split())


def split_region(name: str) -> tuple[str, str | None]:
    """(title, region) of a name: the region after its last comma, or in its closing
    brackets, when it is a place; else the whole name and None."""
    bracketed = BRACKETED_END.match(name)
    if bracketed and is_place(bracketed.group(2)):
        return bracketed.group(1).rstrip(" ,"), bracketed.group(2).strip()
    title, comma, region = name.rpartition(",")
    if comma and title.strip() and is_place(region):
        return title.strip(), region.strip()
    return name, None


def is_place(text: str) -> bool:
    """Whether the book's vocabulary knows *text* as a place (as written, or as it would
    write it: "USA", "UK and Ireland", "Worldwide")."""
    text = " ".join(text.split()).strip(" .")
    if not text or text.casefold() in COMPANY_SUFFIXES:
        return False
    return normalised_place(text) is not None


def normalised_place(text: str) -> str | None:
    """*text* as the vocabulary writes the place, or None when it is no place it knows."""
    text = " ".join(text.split()).strip(" .")
    if text.casefold() in GLOBAL_WORDS:
        return "Global"
    parts = [p for p in re.split(r"\s*(?:;|/|&|\band\b)\s*", text) if p.strip()]
    written = []
    for part in parts:
        try:
            written.append(vocabulary.place(part).text)
        except vocabulary.VocabularyProblem as problem:
            if not problem.suggestion or not close_enough(part, problem.suggestion):
                return None
            written.append(problem.suggestion)
    return "; ".join(dict.fromkeys(written)) or None


def close_enough(text: str, suggestion: str) -> bool:
    """A suggestion the vocabulary makes is the place meant, not a look-alike word: a known
    alias, a case or spelling variant ("Viet Nam"), or the same country after a city."""
    if text.casefold() in vocabulary.COUNTRY_ALIASES or \
            text.casefold() == suggestion.casefold():
        return True
    local, _, country = text.rpartition(",")
    if local and suggestion.startswith(local.strip() + ","):
        return close_enough(country.strip(), suggestion.rpartition(",")[2].strip())
    return vocabulary.nearest(text, [suggestion]) is not None and \
        len(text) > 4 and text[:3].casefold() == suggestion[:3].casefold()


def sector_named(heading: str) -> str | None:
    """The book's sector a heading names ("Transportation" is Transport, "Industrial
    Applications" Industrial), or None: a look-alike word is no sector."""
    try:
        return vocabulary.sector(heading)
    except vocabulary.VocabularyProblem as problem:
        suggestion, folded = problem.suggestion, heading.casefold()
        if suggestion and (folded.startswith(suggestion.casefold()) or any(
                allowed == suggestion and re.search(rf"\b{word}", folded)
                for word, allowed in vocabulary.SECTOR_HINTS.items())):
            return suggestion
    return None
