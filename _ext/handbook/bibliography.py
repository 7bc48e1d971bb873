"""Sources from one bibliography: ``book/references.bib``, cited where a claim is made.

Chapters cite with sphinxcontrib-bibtex's footnote citations, ``{footcite:p}`key``` and
``{footcite:t}`key```, and end with ``:::{footbibliography}`` under ``## References``.
Footnote citations are resolved per document, so every chapter (and every handout cut
from it) carries the list of what it cites, and a source cited by ten chapters is one
entry in the bibliography. The HTML edition numbers the citations and lists them at the
chapter's end; the PDF prints each source as a footnote on the page that cites it, as
print readers expect, and drops the then empty "References" heading.

Checked here, each a warning at the file and line (``handbook.bibliography``):

- an entry given twice (pybtex would reject the whole file, without a line);
- an entry with neither ``url`` nor ``doi``, a ``url`` that is not http(s), or a web page
  (``url`` without ``doi``) without the ``urldate`` it was read on;
- an entry that nothing in the book cites (the factors table's sources count as cited:
  the "Units and factors" appendix cites them).

An unknown key is sphinxcontrib-bibtex's own warning, at the citation's line.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docutils import nodes
from docutils.nodes import make_id
from pybtex.database.input.bibtex import Parser as BibTeXParser
from pybtex.plugin import find_plugin, register_plugin
from pybtex.scanner import PybtexError
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field, sentence
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from handbook.common.links import web_url_problem
from handbook.per_document import PerDocumentNames
from handbook.untrusted.source_files import read_source
from handbook.validation import warn

ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)
NOT_ENTRIES = ("comment", "preamble", "string")
FOOTNOTE_PREFIX = "footcite-"


@dataclass(frozen=True)
class BibEntry:
    key: str
    path: Path
    line: int
    text: str


def entries_of(path: Path) -> list[BibEntry]:
    """The entries of a .bib file, each with its 1-based line and its own text."""
    text = read_source(path)
    starts = [match for match in ENTRY_START.finditer(text)
              if match.group(1).lower() not in NOT_ENTRIES]
    entries = []
    for number, match in enumerate(starts):
        end = starts[number + 1].start() if number + 1 < len(starts) else len(text)
        entries.append(BibEntry(match.group(2), path, text.count("\n", 0, match.start()) + 1,
                                text[match.start():end]))
    return entries


@functools.lru_cache(maxsize=None)
def parsed_entry(text: str):
    """The one entry of *text*, parsed once for every check that reads it."""
    return next(iter(BibTeXParser().parse_string(text).entries.values()))


def entry_problem(entry: BibEntry) -> str | None:
    try:
        parsed = parsed_entry(entry.text)
    except PybtexError as error:
        return f"entry {entry.key!r} cannot be read: {error}"
    fields = {name.lower(): value for name, value in parsed.fields.items()}
    if "url" not in fields and "doi" not in fields:
        return f"entry {entry.key!r} has neither a url nor a doi: a reader must be able to find it"
    if "url" in fields and (problem := web_url_problem(fields["url"])):
        return f"entry {entry.key!r}: {problem}"
    if "url" in fields and "doi" not in fields and "urldate" not in fields:
        return (f"entry {entry.key!r} is a web page without the date it was read on "
                "(urldate = {YYYY-MM-DD})")
    return None


def bib_paths(app: Sphinx) -> list[Path]:
    # Empty when sphinxcontrib.bibtex is not loaded (small test books).
    return [Path(app.confdir, name) for name in getattr(app.config, "bibtex_bibfiles", [])]


def all_entries(app: Sphinx) -> list[BibEntry]:
    return [entry for path in bib_paths(app) if path.exists() for entry in entries_of(path)]


def source_identities(entry: BibEntry) -> list[str]:
    """What makes two entries one source: the same DOI or web address, written one way
    ("https://www.x.org/a/" and "http://x.org/a"), or the same authors, year and title of
    five words or more (one report, linked once at its publisher and once at a copy; two
    organisations' pages of one title are two sources)."""
    try:
        parsed = parsed_entry(entry.text)
    except (PybtexError, StopIteration):
        return []
    fields = {name.lower(): value.strip() for name, value in parsed.fields.items()}
    fields["author"] = " ".join(str(person) for person in parsed.persons.get("author", []))
    identities = []
    if fields.get("doi"):
        identities.append("doi:" + fields["doi"].lower())
    elif fields.get("url"):
        address = re.sub(r"^https?://(www\.)?", "", fields["url"], flags=re.I)
        identities.append(address.rstrip("/").lower())
    title = " ".join(re.sub(r"[^\w\s]", " ", fields.get("title", "").casefold()).split())
    if len(title.split()) >= 5:
        authors = " ".join(re.sub(r"[^\w\s]", " ", fields.get("author", "").casefold()).split())
        identities.append(f"title:{authors}:{title}:{fields.get('year', '')}")
    return identities


def entry_problems(entries: list[BibEntry]) -> list[tuple[str, str]]:
    """(message, file:line) for each entry given twice, unreadable, unfindable or a source
    another entry already is."""
    problems = []
    seen: dict[str, BibEntry] = {}
    addresses: dict[str, BibEntry] = {}
    for entry in entries:
        where = f"{entry.path}:{entry.line}"
        first = seen.get(entry.key.lower())
        if first is not None:
            problems.append((f"entry {entry.key!r} is given twice (first at "
                             f"{first.path.name}:{first.line}); keep one", where))
            continue
        seen[entry.key.lower()] = entry
        if problem := entry_problem(entry):
            problems.append((problem, where))
        # A source appears once in the book: chapters written side by side each add it.
        identities = source_identities(entry)
        other = next((addresses[i] for i in identities if i in addresses), None)
        if other is not None:
            problems.append((f"entry {entry.key!r} is the source {other.key!r} already is (at "
                             f"{other.path.name}:{other.line}): cite {other.key!r} and remove "
                             "this entry", where))
        else:
            addresses.update({identity: entry for identity in identities})
    return problems


CHECKED_FILE = "handbook-bibliography-checked.json"


def check_entries(app: Sphinx) -> None:
    """Report the problems of every entry. Parsing the book's 2,000 entries takes most of a
    second, so what was found is kept beside the doctrees, under the digest of the files,
    and found again only when a file changed."""
    entries = all_entries(app)
    # Paths relative to the sources: a copy of the book (the fuzzer's) finds the record.
    source = Path(app.srcdir)
    digest = hashlib.sha256(json.dumps([(os.path.relpath(e.path, source), e.line, e.text)
                                        for e in entries]).encode()).hexdigest()
    kept = Path(app.doctreedir) / CHECKED_FILE
    try:
        record = json.loads(kept.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    if record.get("digest") == digest:
        problems = [(message, str(source / where)) for message, where in record["problems"]]
    else:
        problems = entry_problems(entries)
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_text(json.dumps({"digest": digest, "problems": [
            (message, os.path.relpath(where, source)) for message, where in problems]}),
            encoding="utf-8")
    for message, where in problems:
        warn(message, "bibliography", where)


class RepeatedEntryLocation(logging.Filter):
    """pybtex rejects a .bib file with a repeated entry and sphinxcontrib-bibtex says so
    without a line; check_entries has reported it at its line, so this one goes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "repeated bibliography entry" not in str(record.msg)


def cited_keys_of(doctree: nodes.document, keys_by_id: dict[str, str]) -> set[str]:
    return {keys_by_id[name[len(FOOTNOTE_PREFIX):]]
            for footnote in doctree.findall(nodes.footnote) for name in footnote["names"]
            if name.startswith(FOOTNOTE_PREFIX) and name[len(FOOTNOTE_PREFIX):] in keys_by_id}


def mark_source_lists(doctree: nodes.document) -> None:
    # Marked when read: by the time the PDF is assembled, the list may be emptied.
    for container in doctree.findall(nodes.container):
        if is_source_list(container):
            container["handbook_sources"] = True


CITED = PerDocumentNames("handbook_cited_keys")


class CitationKeys:
    """Every entry's key by the id its citations carry, read from the .bib files once
    each time chapters are read: every chapter read asks, and reading every file for
    each made the book's build grow with the square of its chapters."""

    def __init__(self) -> None:
        self.by_id: dict[str, str] = {}

    def read(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
        self.by_id = {make_id(entry.key): entry.key for entry in all_entries(app)}


CITATION_KEYS = CitationKeys()


def collect_citations(app: Sphinx, doctree: nodes.document) -> None:
    mark_source_lists(doctree)
    CITED.note(app.env, cited_keys_of(doctree, CITATION_KEYS.by_id))


def report_uncited(app: Sphinx, env: BuildEnvironment) -> None:
    if not app.config.handbook_check_unused:
        return
    cited = CITED.all(env)
    entries = all_entries(app)
    if len({entry.key.lower() for entry in entries}) < len(entries):
        return  # a file with a repeated entry is not read at all: fix that first
    for entry in entries:
        if entry.key not in cited:
            warn(f"entry {entry.key!r} is cited nowhere in the book; cite it where it supports "
                 "a claim, or remove it", "bibliography", f"{entry.path}:{entry.line}")


def is_source_list(node: nodes.Node) -> bool:
    """A footbibliography's list: a container of footnote citations only."""
    return isinstance(node, nodes.container) and bool(node.children) and all(
        isinstance(child, nodes.footnote) and any(
            name.startswith(FOOTNOTE_PREFIX) for name in child["names"])
        for child in node.children)


class SourcesAsFootnotesInPrint(SphinxPostTransform):
    """In the PDF each source is a footnote on the page that cites it (Sphinx's LaTeX
    writer moves every footnote to its first reference). A "References" section that
    holds nothing but the chapter's source list would then print as an empty heading:
    its footnotes are kept, just before it, and the section goes."""

    default_priority = 700
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for section in list(self.document.findall(nodes.section)):
            body = [child for child in section.children if not isinstance(child, nodes.title)]
            if body and all(child.get("handbook_sources") for child in body):
                footnotes = [footnote for child in body for footnote in child.children]
                index = section.parent.index(section)
                section.parent[index:index + 1] = footnotes


class SeparatedFootnoteMarks(SphinxPostTransform):
    """Two sources cited at one place print their footnote marks side by side, and a
    reader takes marks 15 and 16 for note 1516: in print a superscript comma goes
    between two marks with nothing (or only a space) between them."""

    default_priority = 590  # before Sphinx's LaTeX writer turns marks into footnotes (600)
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for mark in list(self.document.findall(nodes.footnote_reference)):
            parent = mark.parent
            after = parent.index(mark) + 1
            between = parent[after] if after < len(parent) else None
            if isinstance(between, nodes.Text) and not between.strip():
                if after + 1 < len(parent) and isinstance(parent[after + 1],
                                                          nodes.footnote_reference):
                    parent[after] = nodes.superscript("", ",")
            elif isinstance(between, nodes.footnote_reference):
                parent.insert(after, nodes.superscript("", ","))


@cache
def _plugins() -> tuple:
    return (find_plugin("pybtex.style.labels", PlainStyle.default_label_style),
            find_plugin("pybtex.style.names", PlainStyle.default_name_style),
            find_plugin("pybtex.style.sorting", "none"))


ESCAPED_DOLLAR = re.compile(r"\\\$")
ESCAPABLE_FIELDS = {"title", "booktitle", "journal", "publisher", "howpublished", "note",
                    "organization", "institution", "school", "series"}


class TitlesAsPublished(PlainStyle):
    """pybtex's "plain" style, with titles as their publishers wrote them: "plain" turns
    them into sentence case ("Heat pumps in norway") unless every proper noun is braced."""

    default_sorting_style = "none"  # the order of first citation, as the footnotes number them

    def __init__(self, label_style=None, name_style=None, sorting_style=None, **options):
        # sphinxcontrib-bibtex makes a style for every citation, and pybtex looks each
        # plugin up among all installed packages' entry points (4 ms each, 7 s a book):
        # hand it the classes, found once.
        labels, names, sorting = _plugins()
        super().__init__(label_style=label_style or labels, name_style=name_style or names,
                         sorting_style=sorting_style or sorting, **options)

    def format_entry(self, label, entry, bib_data=None):
        # "\$23 Million" is how BibTeX protects a dollar sign, but pybtex's LaTeX decoder
        # (latexcodec) keeps the backslash, and readers saw it ("\&", "\%" and the rest it
        # decodes itself; a bare "%" would start a comment).
        for name in ESCAPABLE_FIELDS & set(entry.fields.keys()):
            entry.fields[name] = ESCAPED_DOLLAR.sub("$", entry.fields[name])
        return super().format_entry(label, entry, bib_data)

    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title


def find_bibliography(app: Sphinx, config) -> None:
    """``handbook_bibliography``: patterns of .bib files in the source folder. They are
    read from the folder being built, so a copy of the book (``SOURCE=``) cites its own."""
    if config.handbook_bibliography:
        config.bibtex_bibfiles = [str(path) for pattern in config.handbook_bibliography
                                  for path in sorted(Path(app.srcdir).glob(pattern))]


def setup_bibliography(app: Sphinx) -> None:
    app.add_config_value("handbook_bibliography", [], "env", types=[list])
    app.connect("config-inited", find_bibliography, priority=100)
    # Off only for a partial book (the fuzzer's, the benchmark's) built with the book's
    # configuration: there, most sources and factors are used by chapters left out.
    app.add_config_value("handbook_check_unused", True, "env", types=[bool])
    register_plugin("pybtex.style.formatting", "handbook", TitlesAsPublished)
    logging.getLogger("sphinx.sphinxcontrib.bibtex.bibfile").addFilter(RepeatedEntryLocation())
    app.connect("builder-inited", check_entries)
    app.connect("env-before-read-docs", CITATION_KEYS.read)
    app.connect("doctree-read", collect_citations)
    CITED.connect(app)
    app.connect("env-check-consistency", report_uncited)
    app.add_post_transform(SourcesAsFootnotesInPrint)
    app.add_post_transform(SeparatedFootnoteMarks)
