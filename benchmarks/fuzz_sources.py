"""Fuzz the book's untrusted inputs: chapters, their front matter, and course files.

Issue 23 ("Untrusted chapters") asks that no chapter or course file, however broken or
hostile, makes the build crash or warn without saying where. This script builds small
books with the project's real configuration (``conf.py``, the real extension, the real
data file), each with one mutation of a real chapter or course file, and classifies
what Sphinx says:

- CRASH: a traceback, "Exception occurred", "Extension error", "Sphinx error", an
  exit status other than 0 or 1, exit status 1 with no warning, a death by signal, or
  a build that did not finish within the time limit;
- UNLOCATED: a WARNING, ERROR or CRITICAL line whose location is missing, has no line
  number (or line 0, or a line past the end of the file), names a file that does not
  exist, or names a page the build generated (``_generated/``) rather than a file the
  author wrote;
- LEAK: the build passed, yet the HTML holds what a hostile mutation tried to get in
  (a ``javascript:`` address in an attribute, a script tag, a meta refresh, lines of
  ``/etc/passwd``);
- SILENT: a mutation that must be refused (a NUL, a bidi override, ``{{ }}``, TeX's
  ``\\input``, a ``javascript:`` link, …) built without any warning. Reported, but not
  a failure: it is a missing check, not a crash or an unlocated warning;
- OK: anything else, a clean build included.

Each book is the seed corpus with one mutation: a minimal root (an index with a toctree,
the real glossary, company directory, case-study index and courses page), the part
``book/buildings/`` with one real chapter mutated (the *target*), the next chapter real
and unmutated (so that companies and labels meet another chapter), the chapters these
two link to and the course lists reduced to their front matter and title, and the
example course file of ``courses/``.
Mutations are of five kinds (byte, line, token, front-matter, course), each made of
several operators; mutation *i* uses operator ``i mod N`` (N operators in all) with a
random generator seeded by ``(seed, i)``, so a run is reproducible and any
``--count`` of at least N uses every operator.

Every build runs ``sphinx-build -c <repo> -W --keep-going -n -b html`` in-process in a
forked child (the modules are imported once, in the parent; docutils keeps global
registries, so each build has a process of its own), with
``-D handbook_courses_dir=<temp>/courses``. For each CRASH, UNLOCATED or LEAK the
inputs, the output, the mutation and a ``replay.sh`` go to ``<failures>/<index>/``.

    .venv/bin/python benchmarks/fuzz_sources.py [--count N] [--seed S] [--jobs J]
        [--kind KIND] [--index I] [--failures DIR] [--timeout SECONDS] [--list]

``tests/test_fuzz.py`` runs the first mutations of the default seed (every operator once).

Exit status: 0 when no CRASH, UNLOCATED or LEAK; 1 otherwise; 2 when the unmutated seed
book does not build cleanly (every finding would then be noise).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import re
import shlex
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
BOOK = REPO / "book"
PART = "buildings"
CHAPTERS = sorted(p.name for p in (BOOK / PART).glob("*.md") if p.name != "index.md")
COURSE_FILE = "heating-without-fossil-fuels.yml"
DEFAULT_FAILURES = REPO / "_build" / "fuzz" / "failures"
KINDS = ("byte", "line", "token", "front-matter", "course")
OUTCOMES = ("OK", "SILENT", "LEAK", "UNLOCATED", "CRASH")
FAILING = ("CRASH", "UNLOCATED", "LEAK")

INDEX = """\
# Fuzz book

```{toctree}
:caption: Parts

solutions-at-a-glance
buildings/index
```

```{toctree}
:caption: Reference

glossary
units-and-factors
companies
case-studies
courses
```
"""


# -- The seed book -----------------------------------------------------------------------

@dataclass
class Book:
    """A small book as bytes: source pages (relative to the source folder) and course files."""

    pages: dict[str, bytes]
    courses: dict[str, bytes]
    target: str  # the chapter that mutations change, e.g. "buildings/insulation.md"

    def text(self, name: str) -> str:
        return self.pages[name].decode("utf-8")


def stub_chapter(text: str) -> str:
    """A chapter reduced to its front matter, label and title: cheap to build, and still
    a solution chapter (for course files) whose links from other chapters resolve."""
    lines = text.split("\n")
    end = lines.index("---", 1) + 1
    head = [line for line in lines[end:] if line.startswith("# ") or re.match(r"^\(.+\)=$", line)]
    return "\n".join(lines[:end] + [""] + head[:2] + ["", "Reduced for the fuzzer.", ""])


def seed_book(chapter: str) -> Book:
    """The seed corpus with *chapter* real (the target) and the next one real too.

    Of the other chapters, only those the two link to and those the course file lists
    are there, as stubs, and the part's toctree lists only the chapters that are there:
    every page costs build time, and these are the ones the book needs to build cleanly.
    """
    neighbour = CHAPTERS[(CHAPTERS.index(chapter) + 1) % len(CHAPTERS)]
    real = {name: (BOOK / PART / name).read_text(encoding="utf-8") for name in (chapter, neighbour)}
    course = (REPO / "courses" / COURSE_FILE).read_text(encoding="utf-8")
    wanted = set(real) | {f"{m}.md" for m in re.findall(rf"^  - {PART}/([\w-]+)$", course, re.M)}
    for text in real.values():
        wanted |= {f"{m}.md" for m in re.findall(r"\]\(([\w-]+)\.md[)#]", text)}
    pages = {"index.md": INDEX.encode()}
    for name in ("glossary.md", "units-and-factors.md", "companies.md", "case-studies.md",
                 "courses.md", "references.bib"):
        pages[name] = (BOOK / name).read_bytes()
    # The part page links to the table of all solutions; a stub is enough (the table's
    # chart would cost every build a second).
    pages["solutions-at-a-glance.md"] = b"# Solutions at a glance\n\nReduced for the fuzzer.\n"
    # The bibliography, read from the book being built (handbook_bibliography).
    for bib in sorted((BOOK / "references").glob("*.bib")):
        pages[f"references/{bib.name}"] = bib.read_bytes()
    part_index = (BOOK / PART / "index.md").read_text(encoding="utf-8")
    part_index = "\n".join(line for line in part_index.split("\n")
                           if not re.fullmatch(r"[\w-]+", line) or f"{line}.md" in wanted)
    pages[f"{PART}/index.md"] = part_index.encode()
    for name in CHAPTERS:
        if name in wanted:
            text = real.get(name) or stub_chapter((BOOK / PART / name).read_text(encoding="utf-8"))
            pages[f"{PART}/{name}"] = text.encode()
    for figure in sorted((BOOK / PART / "figures").iterdir()):
        pages[f"{PART}/figures/{figure.name}"] = figure.read_bytes()
    courses = {COURSE_FILE: (REPO / "courses" / COURSE_FILE).read_bytes()}
    return Book(pages, courses, f"{PART}/{chapter}")


def seed_book_of_every_chapter() -> Book:
    """The seed corpus with every chapter of the part real: the baseline build."""
    book = seed_book(CHAPTERS[0])
    for name in CHAPTERS:
        book.pages[f"{PART}/{name}"] = (BOOK / PART / name).read_bytes()
    book.pages[f"{PART}/index.md"] = (BOOK / PART / "index.md").read_bytes()
    return book


# -- Mutation helpers --------------------------------------------------------------------

@dataclass
class Mutation:
    index: int
    kind: str
    operator: str
    chapter: str
    description: str = ""
    must_warn: bool = False  # hostile: a build without any warning is SILENT
    file: str = ""  # "src/<page>" or "courses/<file>": what was changed


@dataclass
class Change:
    """What an operator did, for the report; ``must_warn`` marks a hostile change."""

    description: str
    must_warn: bool = False


def front_matter_span(text: str) -> tuple[int, int]:
    """Line numbers (0-based) of the opening and closing ``---`` of the front matter."""
    lines = text.split("\n")
    return 0, lines.index("---", 1)


def lines_matching(lines: list[str], pattern: str) -> list[int]:
    return [n for n, line in enumerate(lines) if re.search(pattern, line)]


STRUCTURE = r"^(---|:::|```|:[\w-]+:|\s*-? ?(name|url|description):|#{1,3} |\(.+\)=)"
FENCE = r"^\s*(:{3,}|`{3,})"


def position(rng: random.Random, data: bytes) -> int:
    """A byte offset: half the time anywhere, half the time in a structural line (front
    matter, fences, options, company fields, headings), where a change matters most."""
    lines = data.split(b"\n")
    structural = [n for n, line in enumerate(lines)
                  if re.match(STRUCTURE, line.decode("utf-8", "replace"))]
    if structural and rng.random() < 0.5:
        n = rng.choice(structural)
        start = sum(len(line) + 1 for line in lines[:n])
        return start + rng.randint(0, len(lines[n]))
    return rng.randint(0, len(data))


def name_or_title_line(rng: random.Random, lines: list[str]) -> tuple[int, int, int]:
    """(line, start, end) of a company name, the chapter title or a case-study title."""
    candidates = []
    for n, line in enumerate(lines):
        match = (re.match(r"^\s*- name: (.+)$", line) or re.match(r"^# (.+)$", line)
                 or re.match(r"^:::\{case-study\} (.+)$", line)
                 or re.match(r"^:company: (.+)$", line))
        if match:
            candidates.append((n, match.start(1), match.end(1)))
    return rng.choice(candidates)


def insert_in_word(rng: random.Random, text: str, start: int, end: int, insert: str) -> str:
    cut = rng.randint(start + 1, max(start + 1, end - 1))
    return text[:cut] + insert + text[cut:]


def prose_line(rng: random.Random, lines: list[str]) -> int:
    """A line of running text (not front matter, fence, option or code)."""
    start = front_matter_span("\n".join(lines))[1] + 1
    fences: list[bool] = []  # the open backtick fences: True for code, False for a directive
    candidates = []
    for n in range(start, len(lines)):
        line = lines[n]
        fence = re.match(r"^\s*`{3,}(.*)$", line)
        if fence:
            info = fence.group(1).strip()
            if fences and not info:
                fences.pop()
            else:
                fences.append(not info.startswith("{"))
            continue
        if any(fences) or not line.strip() or re.match(STRUCTURE, line) or line.startswith("|"):
            continue
        candidates.append(n)
    return rng.choice(candidates)


# -- Operators: byte ---------------------------------------------------------------------

def op_flip_byte(rng: random.Random, book: Book) -> Change:
    data = bytearray(book.pages[book.target])
    at = min(position(rng, data), len(data) - 1)
    bit = 1 << rng.randrange(8)
    data[at] ^= bit
    book.pages[book.target] = bytes(data)
    return Change(f"flip bit {bit:#04x} of byte {at}")


def op_insert_byte(rng: random.Random, book: Book) -> Change:
    data = book.pages[book.target]
    at, byte = position(rng, data), rng.randrange(256)
    book.pages[book.target] = data[:at] + bytes([byte]) + data[at:]
    return Change(f"insert byte {byte:#04x} at {at}")


def op_delete_byte(rng: random.Random, book: Book) -> Change:
    data = book.pages[book.target]
    at = min(position(rng, data), len(data) - 1)
    book.pages[book.target] = data[:at] + data[at + 1:]
    return Change(f"delete byte {at} ({data[at:at + 1]!r})")


NON_UTF8 = [b"\xff", b"\xfe\xff", b"\xc3", b"\x80", b"\xe2\x80", b"\xed\xa0\x80", b"\xc0\xaf"]


def op_non_utf8(rng: random.Random, book: Book) -> Change:
    data = book.pages[book.target]
    at, junk = position(rng, data), rng.choice(NON_UTF8)
    book.pages[book.target] = data[:at] + junk + data[at:]
    return Change(f"insert non-UTF-8 bytes {junk!r} at {at}", must_warn=True)


def op_nul(rng: random.Random, book: Book) -> Change:
    data = book.pages[book.target]
    at = position(rng, data)
    book.pages[book.target] = data[:at] + b"\x00" + data[at:]
    return Change(f"insert NUL at byte {at}", must_warn=True)


BIDI = ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u200f"]


def op_bidi(rng: random.Random, book: Book) -> Change:
    lines = book.text(book.target).split("\n")
    n = rng.choice([name_or_title_line(rng, lines)[0], prose_line(rng, lines)])
    char = rng.choice(BIDI)
    at = rng.randint(0, len(lines[n]))
    lines[n] = lines[n][:at] + char + lines[n][at:]
    book.pages[book.target] = "\n".join(lines).encode()
    return Change(f"insert U+{ord(char):04X} (bidi control) in line {n + 1}: {lines[n]!r}",
                  must_warn=True)


INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


def op_zero_width(rng: random.Random, book: Book) -> Change:
    lines = book.text(book.target).split("\n")
    n, start, end = name_or_title_line(rng, lines)
    char = rng.choice(INVISIBLE)
    lines[n] = insert_in_word(rng, lines[n], start, end, char)
    book.pages[book.target] = "\n".join(lines).encode()
    return Change(f"insert U+{ord(char):04X} (invisible) in a name or title, line {n + 1}: "
                  f"{lines[n]!r}", must_warn=True)


def op_line_endings(rng: random.Random, book: Book) -> Change:
    data = book.pages[book.target]
    choice = rng.choice(["crlf", "cr", "bom", "bom+crlf", "mixed"])
    if choice == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif choice == "cr":
        data = data.replace(b"\n", b"\r")
    elif choice == "bom":
        data = b"\xef\xbb\xbf" + data
    elif choice == "bom+crlf":
        data = b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")
    else:
        lines = data.split(b"\n")
        data = b"".join(line + (b"\r\n" if rng.random() < 0.5 else b"\n") for line in lines)
    book.pages[book.target] = data
    return Change(f"line endings: {choice}")


# -- Operators: line ---------------------------------------------------------------------

def _lines(book: Book) -> list[str]:
    return book.text(book.target).split("\n")


def _set_lines(book: Book, lines: list[str]) -> None:
    book.pages[book.target] = "\n".join(lines).encode()


def _line_choice(rng: random.Random, lines: list[str]) -> int:
    structural = lines_matching(lines, STRUCTURE)
    return rng.choice(structural) if rng.random() < 0.6 else rng.randrange(len(lines))


def op_delete_line(rng: random.Random, book: Book) -> Change:
    lines = _lines(book)
    n = _line_choice(rng, lines)
    removed = lines.pop(n)
    _set_lines(book, lines)
    return Change(f"delete line {n + 1}: {removed!r}")


def op_duplicate_line(rng: random.Random, book: Book) -> Change:
    lines = _lines(book)
    n = _line_choice(rng, lines)
    lines.insert(n, lines[n])
    _set_lines(book, lines)
    return Change(f"duplicate line {n + 1}: {lines[n]!r}")


def op_swap_lines(rng: random.Random, book: Book) -> Change:
    lines = _lines(book)
    a = _line_choice(rng, lines)
    b = min(len(lines) - 1, a + rng.choice([1, 1, 2, rng.randrange(1, 40)]))
    lines[a], lines[b] = lines[b], lines[a]
    _set_lines(book, lines)
    return Change(f"swap lines {a + 1} and {b + 1}: {lines[b]!r} <-> {lines[a]!r}")


def op_drop_fence(rng: random.Random, book: Book) -> Change:
    lines = _lines(book)
    n = rng.choice(lines_matching(lines, FENCE))
    removed = lines.pop(n)
    _set_lines(book, lines)
    return Change(f"drop fence line {n + 1}: {removed!r}")


def op_duplicate_fence(rng: random.Random, book: Book) -> Change:
    lines = _lines(book)
    n = rng.choice(lines_matching(lines, FENCE))
    where = rng.choice([n, n + 1, rng.randrange(len(lines))])
    lines.insert(where, lines[n])
    _set_lines(book, lines)
    return Change(f"copy fence line {n + 1} ({lines[where]!r}) to line {where + 1}")


def directive_yaml_lines(lines: list[str]) -> list[int]:
    """Lines of YAML inside a company panel (the one directive whose body is YAML), and
    option lines of every directive."""
    found, inside = [], False
    for n, line in enumerate(lines):
        if line.startswith(":::{company-panel}"):
            inside = True
        elif inside and re.match(r"^:{3,}\s*$", line):
            inside = False
        elif inside and line.strip():
            found.append(n)
    return found + lines_matching(lines, r"^:[\w-]+: ")


def op_unindent_yaml(rng: random.Random, book: Book) -> Change:
    lines = _lines(book)
    n = rng.choice([k for k in directive_yaml_lines(lines) if lines[k].startswith(" ")]
                   or directive_yaml_lines(lines))
    before = lines[n]
    lines[n] = lines[n].lstrip(" ") if rng.random() < 0.7 else lines[n][1:]
    _set_lines(book, lines)
    return Change(f"un-indent line {n + 1}: {before!r} -> {lines[n]!r}")


def op_overindent_yaml(rng: random.Random, book: Book) -> Change:
    lines = _lines(book)
    n = rng.choice(directive_yaml_lines(lines))
    before = lines[n]
    lines[n] = rng.choice([" ", "  ", "   ", "    ", "\t", "        "]) + lines[n]
    _set_lines(book, lines)
    return Change(f"over-indent line {n + 1}: {before!r} -> {lines[n]!r}")


def op_truncate(rng: random.Random, book: Book) -> Change:
    data = book.pages[book.target]
    at = position(rng, data) if rng.random() < 0.7 else rng.randint(0, 200)
    book.pages[book.target] = data[:at]
    return Change(f"truncate at byte {at} of {len(data)}")


def op_title(rng: random.Random, book: Book) -> Change:
    """The chapter's '# Title': a second one, none, or a skipped heading level."""
    lines = _lines(book)
    title = lines_matching(lines, r"^# ")[0]
    choice = rng.choice(["second", "second", "remove", "demote", "skip-level", "empty"])
    if choice == "second":
        n = prose_line(rng, lines)
        lines.insert(n, "")
        lines.insert(n, "# A second title")
        lines.insert(n, "")
    elif choice == "remove":
        lines.pop(title)
    elif choice == "demote":
        lines[title] = "#" + lines[title]
    elif choice == "skip-level":
        n = lines_matching(lines, r"^## ")[0]
        lines[n] = "####" + lines[n][2:]
    else:
        lines[title] = "#"
    _set_lines(book, lines)
    return Change(f"title: {choice}", must_warn=choice in ("second", "empty"))


# -- Operators: token --------------------------------------------------------------------

HOSTILE_VALUES = [
    "javascript:alert(1)", "JaVaScRiPt:alert(document.cookie)", " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd",
    "../../../../etc/passwd", "/etc/passwd", "\\\\server\\share", "", " ", "x" * 5000,
    "https://" + "a" * 3000 + ".example.com", "\u202egnp.exe", "\u200b", "\x00", "\ufffd" * 10,
    "{{ 7*7 }}", "{{ config.__class__ }}", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "\\input{/etc/passwd}", "$x$", "`code`", "*emph*",
    "[link](javascript:alert(1))", "A&B_%#$~^{}\\", "https://[::1", "https://exa mple.com",
    "http://", "mailto:", "{ref}`x`", "~", "null", "[1, 2]", "{a: b}", "- item",
    "\"quoted", "'", ": colon", "# hash", "日本語テキスト", "🔥" * 20,
]
HOSTILE_MUST_WARN = ("javascript", "JaVaScRiPt", "data:", "vbscript", "file:", "../", "/etc",
                     "{{", "<script", "<img", "\\input", "\u202e", "\u200b", "\x00")


def is_hostile(value: str) -> bool:
    return any(marker in value for marker in HOSTILE_MUST_WARN)


def op_option_value(rng: random.Random, book: Book) -> Change:
    """Replace a directive option's value, a company field or a directive argument."""
    lines = _lines(book)
    candidates = lines_matching(lines, r"^:[\w-]+: |^\s*-? ?(name|url|description): "
                                       r"|^(:{3,}|`{3,})\{[\w-]+\} ")
    n = rng.choice(candidates)
    value = rng.choice(HOSTILE_VALUES)
    before = lines[n]
    match = re.match(r"^(:[\w-]+: |\s*-? ?(?:name|url|description): |(?::{3,}|`{3,})\{[\w-]+\} )",
                     before)
    lines[n] = match.group(1) + value
    _set_lines(book, lines)
    # Only addresses are refused outright; hostile text in a name or a title is text.
    addressy = re.search(r":(link|jobs): |url: |\{figure\}|\{image\}|\{include\}", before)
    return Change(f"line {n + 1}: {before!r} -> {lines[n][:120]!r}",
                  must_warn=bool(addressy) and is_hostile(value))


MATH = [
    ("{math}`\\input{/etc/passwd}`", True),
    ("{math}`\\write18{rm -rf /}`", True),
    ("{math}`\\immediate\\write18{id}`", True),
    ("{math}`\\def\\x{\\x}\\x`", True),
    ("{math}`\\catcode`\\@=11`", True),
    ("{math}`\\openin5=/etc/passwd`", True),
    ("{math}`\\href{javascript:alert(1)}{x}`", True),
    ("{math}`x^2 + \\frac{1}{2}`", False),
    ("{math}`\\unclosed{`", False),
    ("{math}``", False),
    ("$x$ and $$\\input{/etc/passwd}$$", False),  # dollarmath is off: plain text
    ("\n```{math}\n\\input{/etc/passwd}\n```\n", True),
    ("\n```{math}\n:label: eq-hostile\n\\usepackage{shellesc}\\ShellEscape{id}\n```\n", True),
]


def op_math(rng: random.Random, book: Book) -> Change:
    lines = _lines(book)
    n = prose_line(rng, lines)
    snippet, hostile = rng.choice(MATH)
    lines[n] += ("\n" if snippet.startswith("\n") else " ") + snippet
    _set_lines(book, lines)
    return Change(f"math after line {n + 1}: {snippet.strip()!r}", must_warn=hostile)


SUBSTITUTIONS = [
    "{{ 7*7 }}", "{{ config }}", "{{ env }}", "{{ ''.__class__.__mro__ }}",
    "{{ undefined_name }}", "{{ cycler.__init__.__globals__.os }}", "{{ ", "{{ x | safe }}",
    "{% for i in range(3) %}x{% endfor %}", "{{ env.app.config.html_theme }}",
]


def op_substitution(rng: random.Random, book: Book) -> Change:
    lines = _lines(book)
    n = rng.choice([prose_line(rng, lines), name_or_title_line(rng, lines)[0]])
    snippet = rng.choice(SUBSTITUTIONS)
    # Markdown is where MyST evaluates {{ }}; a directive argument or a YAML value is text.
    markdown = not re.match(r"^(:::|```|:[\w-]+:|\s*- name:)", lines[n])
    lines[n] = lines[n] + " " + snippet
    _set_lines(book, lines)
    return Change(f"substitution at line {n + 1}: {snippet!r}",
                  must_warn=markdown and snippet.startswith("{{") and "}}" in snippet)


ROLE_TARGETS = ["javascript:alert(1)", "../../../../etc/passwd", "", " ", "x" * 300,
                "no-such-label", "heat pump\u200b", "COP <", "<>", "a <b>", "\u202eCOP",
                "index", "/etc/passwd", "{{ 7*7 }}"]
ROLES = ["term", "ref", "numref", "doc", "company", "download", "any", "abbr", "eq",
         "prf:ref", "nodomain:ref", "std:term", "data-file", "no-such-role", "raw-html", "math",
         "pep", "rfc", "kbd", "raw", "handbook:company"]


def op_role(rng: random.Random, book: Book) -> Change:
    lines = _lines(book)
    n = prose_line(rng, lines)
    role, target = rng.choice(ROLES), rng.choice(ROLE_TARGETS)
    snippet = f"{{{role}}}`{target}`"
    lines[n] = lines[n] + " " + snippet
    _set_lines(book, lines)
    # The content of math, kbd, abbr, pep and rfc is text (or a number), not an address.
    return Change(f"role at line {n + 1}: {snippet[:120]!r}",
                  must_warn=role not in ("math", "kbd", "abbr", "pep", "rfc"))


LINKS = [
    "[click](javascript:alert(1))", "[click](<javascript:alert(1)>)", "<javascript:alert(1)>",
    "[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](vbscript:msgbox)", "[x](file:///etc/passwd)",
    "![x](../../../../etc/passwd.png)", "![x](/etc/passwd)", "![x](javascript:alert(1))",
    "![x](https://example.com/x.png)", "![x](figures/missing.gif)", "[x](../../../etc/passwd)",
    "[x](#no-such-anchor)", "[x](no-such-chapter.md)", "<file:///etc/passwd>",
    "[x]( javascript:alert(1) )", "[x](java&#x09;script:alert(1))", "[x](jav\tascript:alert(1))",
    "[x][ref]\n\n[ref]: javascript:alert(1)", "[x](https://[::1)",
    "<https://example.com/\u202etxt.exe>", "[x](mailto:a@b.c?subject=<script>)",
]


def op_link(rng: random.Random, book: Book) -> Change:
    lines = _lines(book)
    n = prose_line(rng, lines)
    snippet = rng.choice(LINKS)
    lines[n] = lines[n] + " " + snippet
    _set_lines(book, lines)
    # A tab in the address: not a link at all, and no browser would follow it.
    safe = snippet.startswith("[x](#") or "mailto:a@b.c" in snippet or "\t" in snippet
    return Change(f"link at line {n + 1}: {snippet!r}", must_warn=not safe)


HTML = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=javascript:alert(1)>",
    "\n<div onclick=\"alert(1)\">\n\nx\n\n</div>\n", "<!-- a comment -->", "<b>bold</b>",
    "\n<style>body{display:none}</style>\n", "<a href=\"javascript:alert(1)\">x</a>",
    "<svg onload=alert(1)>",
    "\n<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">\n",
]


def op_html(rng: random.Random, book: Book) -> Change:
    lines = _lines(book)
    n = prose_line(rng, lines)
    snippet = rng.choice(HTML)
    lines[n] += ("\n" if snippet.startswith("\n") else " ") + snippet
    _set_lines(book, lines)
    return Change(f"HTML at line {n + 1}: {snippet.strip()!r}", must_warn=True)


DIRECTIVES = [
    ("```{raw} html\n<script>alert(1)</script>\n```", True),
    ("```{raw} latex\n\\input{/etc/passwd}\n```", True),
    ("```{include} ../../../../etc/passwd\n```", True),
    ("```{include} /etc/passwd\n```", True),
    ("```{literalinclude} /etc/passwd\n```", True),
    ("```{literalinclude} ../../../conf.py\n```", True),
    ("```{csv-table}\n:url: https://example.com/x.csv\n```", True),
    ("```{csv-table}\n:file: /etc/passwd\n```", True),
    ("```{image} /etc/passwd\n```", True),
    ("```{image} https://example.com/x.png\n```", True),
    ("```{figure} ../../../../x.gif\n\nx\n```", True),
    ("```{eval-rst}\n.. raw:: html\n\n   <script>alert(1)</script>\n```", True),
    ("```{eval-rst}\n.. include:: /etc/passwd\n```", True),
    ("```{eval-rst}\n.. image:: javascript:alert(1)\n```", True),
    ("```{eval-rst}\n`x <javascript:alert(1)>`__\n```", True),
    ("```{no-such-directive}\nx\n```", True),
    ("```{nodomain:note}\nx\n```", True),
    ("```{std:glossary}\nfuzz term\n  x\n```", False),
    (":::{solution} ex-no-such-exercise\n:class: dropdown\n\nAn answer.\n:::", True),
    (":::{exercise}\n:label: ex-fuzz-duplicate\n\nA.\n:::\n\n"
     ":::{exercise}\n:label: ex-fuzz-duplicate\n\nB.\n:::", True),
    (":::{case-study} Fuzz\n:region: X\n:sector: Y\n:link: https://example.com\n"
     ":company: No Such Company\n\nText.\n:::", True),
    (":::{case-study}\n:region: X\n:sector: Y\n:link: https://example.com\n\nText.\n:::", True),
    (":::{company-panel}\n:::", True),
    (":::{company-panel}\n- name: Daikin\n  url: https://other.example.com\n"
     "  description: Another.\n:::", True),
    (":::{company-panel}\n- just a string\n- [1, 2]\n- name: X\n:::", True),
    (":::{company-panel}\n&a [*a, *a, *a]\n:::", True),
    (":::{company-panel}\n- name: !!python/object/apply:os.system [id]\n"
     "  url: https://x.org\n  description: x\n:::", True),
    (":::{teaching-note}\n:::", True),
    ("```{case-study-index} nonsense\n```", True),
    ("```{company-directory}\n```", False),
    ("```{toctree}\n/etc/passwd\n../../../etc/passwd\nno-such-page\n```", True),
    ("```{glossary}\nnew term\n  A definition.\n\nCOP\n  A duplicate term.\n```", True),
    ("(fuzz-label)=\n(fuzz-label)=\n## Twice labelled", True),
    ("```{admonition}\n```", True),
    ("```{code-block} no-such-language\nx = (\n```", False),
    ("```{drawdown-chart}\n```", False),
    ("```{only} latex\n<script>\n```", False),
]


def op_directive(rng: random.Random, book: Book) -> Change:
    lines = _lines(book)
    n = prose_line(rng, lines)
    while n + 1 < len(lines) and lines[n + 1].strip():
        n += 1  # after the paragraph, not inside it
    snippet, hostile = rng.choice(DIRECTIVES)
    lines[n + 1:n + 1] = ["", *snippet.split("\n"), ""]
    _set_lines(book, lines)
    return Change(f"directive after line {n + 1}: {snippet.splitlines()[0]!r}", must_warn=hostile)


# -- Operators: front matter -------------------------------------------------------------

def _front(book: Book) -> tuple[list[str], int]:
    lines = _lines(book)
    return lines, front_matter_span("\n".join(lines))[1]


def op_fm_remove_key(rng: random.Random, book: Book) -> Change:
    lines, end = _front(book)
    n = rng.randrange(1, end)
    removed = lines.pop(n)
    _set_lines(book, lines)
    # Without drawdown_solution a page is simply not a solution chapter.
    return Change(f"front matter: remove {removed!r}", must_warn=removed.startswith("sectors"))


def op_fm_duplicate_key(rng: random.Random, book: Book) -> Change:
    lines, end = _front(book)
    n = rng.randrange(1, end)
    value = rng.choice([lines[n], lines[n].split(":")[0] + ": Insulation",
                        lines[n].split(":")[0] + ": [Buildings]"])
    lines.insert(rng.randint(1, end), value)
    _set_lines(book, lines)
    # A key given twice with two values: YAML keeps the last, the author may mean the first.
    return Change(f"front matter: duplicate key {value!r}", must_warn=value != lines[n])


# (value, must warn): an anchor or quotes around a real solution name are fine YAML.
WRONG_TYPES = {
    "drawdown_solution": [("42", True), ("[Insulation]", True), ("{name: Insulation}", True),
                          ("null", True), ("", True), ("true", True), ("2020-01-01", True),
                          ("!!binary aGVsbG8=", True), ("|\n  Insulation", False),
                          ("&a Insulation", False), ("*undefined_alias", True),
                          ("'High-Efficiency Heat Pumps'", False), ("1e999", True)],
    "sectors": [("Buildings", True), ("42", True), ("[1, 2]", True), ("[[Buildings]]", True),
                ("{a: b}", True), ("null", True), ("[]", True), ("[Buildings, Buildings]", True),
                ("[null]", True), ("[Buildings, Electricity, Transportation]", True),
                ("\n  - Buildings\n  - 3", True)],
}


def op_fm_wrong_type(rng: random.Random, book: Book) -> Change:
    lines, end = _front(book)
    n = rng.randrange(1, end)
    key = lines[n].split(":")[0]
    value, must_warn = rng.choice(WRONG_TYPES.get(key, WRONG_TYPES["sectors"]))
    before = lines[n]
    lines[n] = f"{key}: {value}"
    _set_lines(book, lines)
    return Change(f"front matter: {before!r} -> {lines[n]!r}", must_warn=must_warn)


UNKNOWN_SOLUTIONS = ["Heat Pumps", "high-efficiency heat pumps", "Insulation ", "Insulаtion",
                     "Nuclear Fusion", "", "x" * 2000, "Insulation\u200b", "\u202eInsulation",
                     "../../../../etc/passwd", "{{ 7*7 }}", "Insulation # comment",
                     "'Insulation", "District Heating: yes"]


def op_fm_unknown_solution(rng: random.Random, book: Book) -> Change:
    lines, end = _front(book)
    n = lines_matching(lines[:end], r"^drawdown_solution:")[0]
    value = rng.choice(UNKNOWN_SOLUTIONS)
    lines[n] = f"drawdown_solution: {value}"
    _set_lines(book, lines)
    return Change(f"front matter: {lines[n][:120]!r}",
                  must_warn=value not in ("Insulation # comment", "Insulation "))


# (lines to add, must warn): MyST options that change the parser for one page, metadata
# that reaches the HTML head, YAML tags and aliases; plain extra keys are allowed.
FM_EXTRAS = [
    ("myst:\n  enable_extensions: [dollarmath, amsmath, html_image, html_admonition]", True),
    ("myst:\n  enable_extensions: [no_such_extension]", True),
    ("myst:\n  enable_extensions: dollarmath", True),
    ("myst:\n  substitutions:\n    x: '<script>alert(1)</script>'", True),
    ("myst:\n  html_meta:\n    http-equiv=refresh: 0;url=javascript:alert(1)", True),
    ("myst:\n  url_schemes: [javascript, file]", True),
    ("myst:\n  heading_anchors: 'x'", True),
    ("myst:\n  no_such_option: 1", True),
    ("myst: [1, 2]", True),
    ("substitutions:\n  company: '<img src=x onerror=alert(1)>'", True),
    ("substitutions: 42", True),
    ("html_meta:\n  http-equiv=refresh: 0;url=javascript:alert(1)", True),
    ("html_meta:\n  description lang=en: '\"><script>alert(1)</script>'", True),
    ("html_meta: notamapping", True),
    ("orphan: true", False),
    ("tocdepth: -1", False),
    ("tocdepth: x", True),
    ("nocomments: true", False),
    ("title: '<script>alert(1)</script>'", False),
    ("jupytext: {formats: md}", False),
    ("kernelspec: {name: python3}", False),
    ("unknown_key: value", False),
    ("og:title: x", False),
    ("a: &a [*a]", True),
    ("a: !!python/object/apply:os.system [id]", True),
    ("a: !!set {x}", False),
    ("? [complex, key]\n: value", False),
    ("big: 99999999999999999999999999999999999999", False),
]


def op_fm_myst_keys(rng: random.Random, book: Book) -> Change:
    lines, end = _front(book)
    extra, must_warn = rng.choice(FM_EXTRAS)
    lines[end:end] = extra.split("\n")
    if "substitutions" in extra:
        n = prose_line(rng, lines)
        lines[n] += " {{ x }} {{ company }}"
    _set_lines(book, lines)
    return Change(f"front matter: add {extra!r}", must_warn=must_warn)


FM_BROKEN = [
    ("unclosed", lambda ls, end: ls[:end] + ["sectors: [Buildings"] + ls[end:]),
    ("tab indent", lambda ls, end: ls[:end] + ["\tsectors: [Buildings]"] + ls[end:]),
    ("no closing ---", lambda ls, end: ls[:end] + ls[end + 1:]),
    ("blank line first", lambda ls, end: [""] + ls),
    ("not at start", lambda ls, end: ["# Before", ""] + ls),
    ("empty", lambda ls, end: ["---", "---"] + ls[end + 1:]),
    ("list", lambda ls, end: ["---", "- a", "- b", "---"] + ls[end + 1:]),
    ("scalar", lambda ls, end: ["---", "just text", "---"] + ls[end + 1:]),
    ("three dashes twice", lambda ls, end: ls[:end + 1] + ls[:end + 1] + ls[end + 1:]),
    ("dots end", lambda ls, end: ls[:end] + ["..."] + ls[end + 1:]),
    ("trailing spaces", lambda ls, end: ["--- "] + ls[1:end] + ["---  "] + ls[end + 1:]),
    ("plus fence", lambda ls, end: ["+++"] + ls[1:end] + ["+++"] + ls[end + 1:]),
    ("colon in value", lambda ls, end: ls[:1] + ["drawdown_solution: Heat: Pumps"] + ls[2:]),
    ("billion laughs", lambda ls, end: ls[:end] + [
        "a: &a [x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]", "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
        "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]"] + ls[end:]),
]


def op_fm_broken(rng: random.Random, book: Book) -> Change:
    lines, end = _front(book)
    name, change = rng.choice(FM_BROKEN)
    _set_lines(book, change(lines, end))
    return Change(f"front matter: {name}",
                  must_warn=name not in ("empty", "trailing spaces", "billion laughs",
                                         "dots end", "blank line first", "not at start"))


# -- Operators: course files -------------------------------------------------------------

def _course(book: Book) -> str:
    return book.courses[COURSE_FILE].decode("utf-8")


def _set_course(book: Book, text: str, name: str = COURSE_FILE) -> None:
    del book.courses[COURSE_FILE]
    book.courses[name] = text.encode() if isinstance(text, str) else text


COURSE_BROKEN = [
    "title: [unclosed\nchapters:\n  - buildings/insulation\n",
    "title: 'unclosed\nchapters:\n  - buildings/insulation\n",
    "title: x\n\tchapters:\n  - buildings/insulation\n",
    "title: x\nchapters:\n  - buildings/insulation\n - buildings/district-heating\n",
    "title: x\nchapters: - buildings/insulation\n",
    "---\ntitle: x\n---\ntitle: y\n",
    "%YAML 9.9\n---\ntitle: x\n",
    "title: x\nchapters: [buildings/insulation]\n...\ngarbage: [\n",
    "{",
    "",
    "\n\n# only a comment\n",
    "- a list\n- not a mapping\n",
    "just a string",
    "title: &a x\nchapters: *b\n",
    "title: !!python/object/apply:os.system [id]\nchapters: [buildings/insulation]\n",
    "title: x\nchapters: [buildings/insulation]\ntitle: y\n",
    "? [a, b]\n: c\ntitle: x\nchapters: [buildings/insulation]\n",
]


def op_course_broken_yaml(rng: random.Random, book: Book) -> Change:
    text = rng.choice(COURSE_BROKEN)
    _set_course(book, text)
    return Change(f"course file: {text[:80]!r}",
                  must_warn="chapters: [buildings/insulation]\n" not in text or "title: y" in text
                  or "garbage" in text or "? [a, b]" in text or "python/object" in text)


COURSE_WRONG = [
    ("title", ["42", "[a, b]", "{a: b}", "null", "''", "true", "|\n  multi\n  line"]),
    ("subtitle", ["42", "[a]", "null"]),
    ("instructor", ["{name: x}", "3.14", "null"]),
    ("chapters", ["buildings/insulation", "42", "{a: b}", "[]", "null", "[[buildings/insulation]]",
                  "[1, 2]", "[null]", "[buildings/insulation, buildings/insulation]",
                  "[buildings/insulation, {a: b}]"]),
]


def op_course_wrong_type(rng: random.Random, book: Book) -> Change:
    key, values = rng.choice(COURSE_WRONG)
    value = rng.choice(values)
    text = _course(book)
    if re.search(rf"^{key}:", text, re.M):
        text = re.sub(rf"^{key}:.*(\n  - .*)*", f"{key}: {value}", text, count=1, flags=re.M)
    else:
        text += f"{key}: {value}\n"
    _set_course(book, text)
    harmless = value == "|\n  multi\n  line"
    return Change(f"course file: {key}: {value!r}", must_warn=not harmless)


UNKNOWN_CHAPTERS = ["buildings/no-such-chapter", "../../../../etc/passwd", "/buildings/insulation",
                    "buildings/insulation.md", "buildings/index", "index", "glossary",
                    "Buildings/Insulation", "buildings/insulation ", "buildings\\insulation",
                    "buildings/insulation\u200b", "_generated/courses/heating-without-fossil-fuels",
                    "buildings/../buildings/insulation", "", "~", "{{ 7*7 }}"]


def op_course_unknown_chapter(rng: random.Random, book: Book) -> Change:
    lines = _course(book).split("\n")
    n = rng.choice(lines_matching(lines, r"^  - "))
    value = rng.choice(UNKNOWN_CHAPTERS)
    lines[n] = f"  - {json.dumps(value) if value.strip() != value or not value else value}"
    _set_course(book, "\n".join(lines))
    return Change(f"course file: chapter {value!r} (line {n + 1})", must_warn=value != "~")


def op_course_bytes(rng: random.Random, book: Book) -> Change:
    data = book.courses[COURSE_FILE]
    choice = rng.choice(["non-utf8", "nul", "bom", "crlf", "truncate", "flip", "bidi", "utf16"])
    at = rng.randint(0, len(data))
    if choice == "non-utf8":
        data = data[:at] + rng.choice(NON_UTF8) + data[at:]
    elif choice == "nul":
        data = data[:at] + b"\x00" + data[at:]
    elif choice == "bom":
        data = b"\xef\xbb\xbf" + data
    elif choice == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif choice == "truncate":
        data = data[:at]
    elif choice == "flip":
        at = min(at, len(data) - 1)
        data = data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:]
    elif choice == "bidi":
        data = data.replace(b"title: ", "title: \u202e".encode(), 1)
    else:
        data = data.decode().encode("utf-16")
    _set_course(book, data)
    return Change(f"course file bytes: {choice} at {at}",
                  must_warn=choice in ("non-utf8", "nul", "bidi", "utf16"))


COURSE_TEXT = [
    "{{ 7*7 }}", "<script>alert(1)</script>", "[x](javascript:alert(1))", "x\n\n# Injected",
    "```{raw} html", "{raw}`<b>x</b>`", "{include}`/etc/passwd`", "*", "#", "- item",
    "(label)=", "\\input{/etc/passwd}", "x" * 3000, "\u202eevil", "a\u200bb", "% comment",
    "```{include} /etc/passwd\n```", "[x](../../../etc/passwd)", "<!-- x", "`",
]


def op_course_text(rng: random.Random, book: Book) -> Change:
    """Hostile text in a course's title, subtitle or instructor (they reach a page)."""
    key = rng.choice(["title", "subtitle", "instructor"])
    value = rng.choice(COURSE_TEXT)
    text = re.sub(rf"^{key}:.*$", lambda m: f"{key}: {json.dumps(value, ensure_ascii=False)}",
                  _course(book), count=1, flags=re.M)
    _set_course(book, text)
    return Change(f"course file: {key}: {value[:80]!r}",
                  must_warn=is_hostile(value) or "\n" in value or "{raw}" in value)


COURSE_NAMES = ["a b.yml", "ümlaut.yml", ".yml", "a.b.yml", "-x.yml", "index.yml", "{{x}}.yml",
                "x\u202e.yml", "glossary.yml", "UPPER.YML", "x.yaml", "%41.yml", "#.yml"]


def op_course_file_name(rng: random.Random, book: Book) -> Change:
    name = rng.choice(COURSE_NAMES)
    _set_course(book, book.courses[COURSE_FILE], name)
    return Change(f"course file named {name!r}", must_warn="\u202e" in name or "{{" in name)


def op_course_fields(rng: random.Random, book: Book) -> Change:
    text = _course(book)
    choice = rng.choice(["drop title", "drop chapters", "unknown field", "duplicate chapter",
                         "two courses", "same title twice", "chapters first", "empty chapters"])
    if choice == "drop title":
        text = re.sub(r"^title:.*\n", "", text, flags=re.M)
    elif choice == "drop chapters":
        text = re.sub(r"^chapters:(\n  - .*)*", "", text, flags=re.M)
    elif choice == "unknown field":
        text += rng.choice(["level: advanced\n", "chapter:\n  - x\n", "Title: x\n"])
    elif choice == "duplicate chapter":
        text += "  - buildings/insulation\n"
    elif choice == "two courses":
        book.courses["second-course.yml"] = text.encode()
    elif choice == "same title twice":
        book.courses["same-title.yml"] = text.replace("subtitle:", "# subtitle:").encode()
    elif choice == "chapters first":
        lines = text.split("\n")
        text = "\n".join(lines[5:] + lines[:5])
    else:
        text = re.sub(r"^chapters:(\n  - .*)*", "chapters:\n  -\n  -", text, flags=re.M)
    _set_course(book, text)
    return Change(f"course file: {choice}",
                  must_warn=choice in ("drop title", "drop chapters", "unknown field",
                                       "duplicate chapter", "empty chapters"))


Operator = Callable[[random.Random, Book], Change]
OPERATORS: list[tuple[str, str, Operator]] = [
    ("byte", "flip-byte", op_flip_byte),
    ("byte", "insert-byte", op_insert_byte),
    ("byte", "delete-byte", op_delete_byte),
    ("byte", "non-utf8", op_non_utf8),
    ("byte", "nul", op_nul),
    ("byte", "bidi", op_bidi),
    ("byte", "zero-width", op_zero_width),
    ("byte", "line-endings", op_line_endings),
    ("line", "delete-line", op_delete_line),
    ("line", "duplicate-line", op_duplicate_line),
    ("line", "swap-lines", op_swap_lines),
    ("line", "drop-fence", op_drop_fence),
    ("line", "duplicate-fence", op_duplicate_fence),
    ("line", "unindent-yaml", op_unindent_yaml),
    ("line", "overindent-yaml", op_overindent_yaml),
    ("line", "truncate", op_truncate),
    ("line", "title", op_title),
    ("token", "option-value", op_option_value),
    ("token", "math", op_math),
    ("token", "substitution", op_substitution),
    ("token", "role", op_role),
    ("token", "link", op_link),
    ("token", "html", op_html),
    ("token", "directive", op_directive),
    ("front-matter", "remove-key", op_fm_remove_key),
    ("front-matter", "duplicate-key", op_fm_duplicate_key),
    ("front-matter", "wrong-type", op_fm_wrong_type),
    ("front-matter", "unknown-solution", op_fm_unknown_solution),
    ("front-matter", "myst-keys", op_fm_myst_keys),
    ("front-matter", "broken", op_fm_broken),
    ("course", "broken-yaml", op_course_broken_yaml),
    ("course", "wrong-type", op_course_wrong_type),
    ("course", "unknown-chapter", op_course_unknown_chapter),
    ("course", "bytes", op_course_bytes),
    ("course", "hostile-text", op_course_text),
    ("course", "file-name", op_course_file_name),
    ("course", "fields", op_course_fields),
]


def make_mutation(seed: int, index: int, kind: str | None = None) -> tuple[Mutation, Book]:
    """Mutation *index* of the run with *seed*: operator ``index mod N`` (of *kind* only,
    if given), on a chapter and at places chosen by a generator seeded by both."""
    operators = [op for op in OPERATORS if kind in (None, op[0])]
    op_kind, op_name, operator = operators[index % len(operators)]
    rng = random.Random(f"{seed}:{index}")
    chapter = rng.choice(CHAPTERS)
    book = seed_book(chapter)
    change = operator(rng, book)
    mutation = Mutation(index, op_kind, op_name, chapter, change.description, change.must_warn)
    seed_courses = {COURSE_FILE: (REPO / "courses" / COURSE_FILE).read_bytes()}
    mutation.file = (f"courses/{', '.join(sorted(book.courses))}" if book.courses != seed_courses
                     else f"src/{book.target}")
    return mutation, book


# -- Building -----------------------------------------------------------------------------

def preload() -> None:
    """Import everything a build imports, once, before forking: each child then starts
    building at once instead of spending ~0.7 s importing."""
    sys.path.insert(0, str(REPO / "_ext"))  # as conf.py does, so that its copy is the one
    import handbook  # noqa: F401
    import matplotlib  # noqa: F401
    import matplotlib.pyplot  # noqa: F401
    import myst_parser.parsers.sphinx_  # noqa: F401
    import myst_parser.sphinx_ext.main  # noqa: F401
    import sphinx.builders.html  # noqa: F401
    import sphinx.cmd.build  # noqa: F401
    import sphinx_book_theme  # noqa: F401
    import sphinx_design  # noqa: F401
    import sphinx_exercise  # noqa: F401
    import sphinx_togglebutton  # noqa: F401
    import sphinxcontrib.rsvgconverter  # noqa: F401


def write_book(book: Book, folder: Path) -> tuple[Path, Path]:
    src, courses = folder / "src", folder / "courses"
    for name, data in book.pages.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(data)
    courses.mkdir(parents=True, exist_ok=True)
    for name, data in book.courses.items():
        (courses / name).write_bytes(data)
    return src, courses


def sphinx_args(src: Path, courses: Path, out: Path) -> list[str]:
    # -T: a crash prints its whole traceback into the output, not only its last line.
    return ["-c", str(REPO), "-W", "--keep-going", "-n", "-N", "-q", "-T", "-b", "html",
            "-d", str(out / "doctrees"), "-D", f"handbook_courses_dir={courses}",
            # A few chapters of the book: the sources and factors of the others go unused.
            "-D", "handbook_check_unused=0", str(src), str(out / "html")]


def build_in_child(args: list[str], log: Path, caches: Path | None) -> int:
    """In a forked child: run sphinx-build's main with stdout and stderr going to *log*;
    never returns (the child exits with the build's status)."""
    status = 3
    try:
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.close(fd)
        # sys.stdout may not write to fd 1 (under pytest it is a capture object).
        sys.stdout = sys.stderr = open(1, "w", encoding="utf-8", errors="backslashreplace",
                                       closefd=False)
        os.environ["NO_COLOR"] = "1"
        # Sphinx saves a crash's report in a temporary file: keep it in the build folder.
        os.environ["TMPDIR"] = tempfile.tempdir = str(log.parent)
        if caches is not None and caches.is_dir():
            shutil.copytree(caches, Path(args[args.index("-d") + 1]), dirs_exist_ok=True)
        from sphinx.cmd.build import build_main
        status = build_main(args)
    except SystemExit as stop:  # as the sphinx-build command would exit
        if isinstance(stop.code, int) or stop.code is None:
            status = stop.code or 0
        else:
            print(stop.code, file=sys.stderr)
            status = 1
    except BaseException:
        traceback.print_exc()
        status = 3
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status)


@dataclass
class Result:
    mutation: Mutation
    outcome: str
    status: int | None  # exit status; None if killed
    seconds: float
    output: str
    reasons: list[str] = field(default_factory=list)  # the lines that decided the outcome
    folder: Path | None = None  # the inputs, kept while the run lasts
    cpu_seconds: float = 0.0  # the build's own CPU time: unlike wall time, not slowed by load


# -- Classifying --------------------------------------------------------------------------

CRASH_MARKERS = ("Traceback (most recent call last)", "Exception occurred", "Extension error",
                 "Sphinx error", "Segmentation fault", "RecursionError", "MemoryError")
MESSAGE = re.compile(r"^(?:(?P<location>.*?): )?(?P<level>WARNING|ERROR|CRITICAL|SEVERE): ")
LOCATION = re.compile(r"^(?P<path>.+?):(?P<line>\d+)$")
LEAK_MARKERS = [
    (re.compile(r"""\s(?:href|src|action|formaction|data|xlink:href)\s*=\s*["']?\s*"""
                r"""(?:java|vb)script\s*:""", re.I), "a javascript: address in an attribute"),
    (re.compile(r"<script>alert", re.I), "a script tag from the chapter"),
    (re.compile(r"<(?:img|svg|iframe|div)[^>]*\son(?:error|load|click)\s*=", re.I),
     "an event handler attribute"),
    (re.compile(r"http-equiv\s*=\s*[\"']?refresh", re.I), "a meta refresh"),
    (re.compile(r"root:x?:0:0:"), "lines of /etc/passwd"),
    (re.compile(r"<style>body\{display:none\}"), "a style block from the chapter"),
]


def line_count(path: Path) -> int:
    """Lines of *path* as docutils (any Unicode line break) or Markdown (CR, LF, CRLF)
    counts them, whichever is more: a warning may use either count."""
    text = path.read_bytes().decode("utf-8", "replace")
    return max(len(text.splitlines()), len(re.split(r"\r\n|\r|\n", text)))


def unlocated_reason(location: str | None, folder: Path) -> str | None:
    """Why a warning's *location* does not point a reader at a line they wrote, or None."""
    if not location:
        return "no location"
    match = LOCATION.match(location)
    path = Path(match.group("path") if match else location.rstrip(":"))
    if not path.is_absolute():
        path = folder / path
    if not path.is_file():
        return f"the location {location!r} is not a file"
    if "_generated" in path.parts:
        return f"the location {location!r} is a page the build generated, not a source file"
    if not match:
        return f"the location {location!r} has no line number"
    line = int(match.group("line"))
    if line < 1:
        return f"the location {location!r} has line {line}"
    lines = line_count(path)
    if line > lines + 1:
        return f"the location {location!r} is past the end of the file ({lines} lines)"
    return None


def classify(mutation: Mutation, status: int | None, output: str, folder: Path,
             timed_out: bool = False) -> tuple[str, list[str]]:
    lines = output.splitlines()
    if timed_out:
        return "CRASH", ["the build did not finish within the time limit"]
    if status is None or status < 0:
        return "CRASH", [f"the build process died (signal {-(status or 0)})"]
    messages = [(line, MESSAGE.match(line)) for line in lines]
    messages = [(line, m) for line, m in messages if m]
    # Not in a warning: a warning may quote a chapter that says "Traceback".
    crash = [line for line in lines if any(marker in line for marker in CRASH_MARKERS)
             and not MESSAGE.match(line)]
    if crash or status not in (0, 1):
        return "CRASH", crash_summary(lines, status)
    if status == 1 and not messages:
        return "CRASH", ["exit status 1 with no warning"] + lines[-3:]
    unlocated = []
    for line, match in messages:
        reason = unlocated_reason(match.group("location"), folder)
        if reason:
            unlocated.append(f"{line}  [{reason}]")
    if unlocated:
        return "UNLOCATED", unlocated
    if status == 0:
        leaks = html_leaks(folder / "out" / "html")
        if leaks:
            return "LEAK", leaks
        if mutation.must_warn and not messages:
            return "SILENT", [f"no warning for a hostile mutation: {mutation.description}"]
    return "OK", [line for line, _ in messages][:3]


def crash_summary(lines: list[str], status: int | None) -> list[str]:
    """What crashed: Sphinx's headline, the innermost frame (ours if any) and the exception."""
    headline = next((line.strip() for line in lines
                     if re.match(r"^\s*(Extension error|Exception occurred|Sphinx error|"
                                 r"\w+ error!)", line)), "")
    frames = [(line.strip(), lines[k + 1].strip() if k + 1 < len(lines) else "")
              for k, line in enumerate(lines) if line.strip().startswith('File "')]
    ours = [f for f in frames if "/_ext/handbook/" in f[0]]
    libraries = [f for f in frames if "site-packages" in f[0]]  # not the standard library's
    frame = (ours or libraries or frames or [("", "")])[-1]
    error = next((line.strip() for line in reversed(lines)
                  if re.match(r"^\s*[\w.]+(Error|Exception|Interrupt|Exit)\b.*", line)), "")
    summary = [headline, f"{frame[0]}: {frame[1]}" if frame[0] else "", error,
               f"exit status {status}"]
    return [line for line in summary if line]


def html_leaks(html: Path) -> list[str]:
    found = []
    for page in sorted(html.rglob("*.html")) if html.is_dir() else []:
        text = page.read_text(encoding="utf-8", errors="replace")
        for pattern, what in LEAK_MARKERS:
            match = pattern.search(text)
            if match:
                start = max(0, match.start() - 60)
                found.append(f"{page.relative_to(html)}: {what}: "
                             f"{text[start:match.end() + 60]!r}")
    return found


def signature(result: Result) -> str:
    """The class of a finding: its first deciding line with paths, numbers and quoted
    values blurred, so that findings of one cause group together."""
    if result.outcome == "CRASH":
        frame = next((r for r in result.reasons if r.startswith('File "')), "")
        error = next((r for r in result.reasons if re.match(r"^[\w.]+(Error|Exception)", r)),
                     result.reasons[0])
        where = re.sub(r'^File "[^"]*/([^/"]+)", line \d+, in (\w+):.*$', r"\1:\2", frame)
        # The exception's class, and for an ExtensionError the start of what it wraps.
        kind = re.sub(r"^(?:\w+\.)*(\w+):.*$", r"\1", error)
        inner = re.search(r"\(exception: ([^:(]*)", error)
        text = f"{where} {kind}{': ' + inner.group(1).strip() if inner else ''}"
    else:
        text = result.reasons[0]
        text = re.sub(r"^.*?(WARNING|ERROR|CRITICAL): ", r"\1: ", text)
    text = re.sub(r"/tmp/[^\s:'\"]+", "<tmp>", text)
    text = re.sub(r"'[^']*'|\"[^\"]*\"|«[^»]*»", "'…'", text)
    text = re.sub(r"\b0x[0-9a-f]+\b|\d+", "N", text)
    return text[:180]


# -- Running ------------------------------------------------------------------------------

class Runner:
    """Builds books in forked children, *jobs* at a time."""

    def __init__(self, workdir: Path, jobs: int, timeout: float):
        self.workdir, self.jobs, self.timeout = workdir, jobs, timeout
        self.caches: Path | None = None  # copied into each build's doctree folder

    def run(self, items: list[tuple[Mutation, Book]],
            report: Callable[[Result], None] | None = None) -> list[Result]:
        pending = list(items)
        running: dict[int, tuple[Mutation, Path, float]] = {}
        results: list[Result] = []
        try:
            self.loop(pending, running, results, report)
        except BaseException:  # Ctrl-C, or a bug here: leave no build running behind
            for child in running:
                os.kill(child, signal.SIGKILL)
                os.waitpid(child, 0)
            raise
        return results

    def loop(self, pending: list, running: dict, results: list,
             report: Callable[[Result], None] | None) -> None:
        while pending or running:
            while pending and len(running) < self.jobs:
                mutation, book = pending.pop(0)
                folder = self.workdir / f"m{mutation.index:05d}"
                shutil.rmtree(folder, ignore_errors=True)
                src, courses = write_book(book, folder)
                args = sphinx_args(src, courses, folder / "out")
                (folder / "args.json").write_text(json.dumps(args))
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    build_in_child(args, folder / "output.txt", self.caches)
                running[pid] = (mutation, folder, time.monotonic())
            pid, status, cpu = self.wait(running)
            mutation, folder, started = running.pop(pid)
            seconds = time.monotonic() - started
            timed_out = status == "timeout"
            code = None if timed_out else (os.waitstatus_to_exitcode(status))
            output = (folder / "output.txt").read_text(encoding="utf-8", errors="replace")
            outcome, reasons = classify(mutation, code, output, folder, timed_out)
            result = Result(mutation, outcome, code, seconds, output, reasons, folder, cpu)
            results.append(result)
            if report:
                report(result)

    def wait(self, running: dict) -> tuple[int, object, float]:
        """The next of our children to finish (pid, wait status, CPU seconds), or one past
        the time limit, killed (pid, "timeout", CPU seconds). Only our own children are
        waited for."""
        while True:
            now = time.monotonic()
            for child, (_, _, started) in running.items():
                pid, status, usage = os.wait4(child, os.WNOHANG)
                if pid:
                    return pid, status, usage.ru_utime + usage.ru_stime
                if now - started >= self.timeout:
                    os.kill(child, signal.SIGKILL)
                    _, _, usage = os.wait4(child, 0)
                    return child, "timeout", usage.ru_utime + usage.ru_stime
            time.sleep(0.01)


def file_diff(before: dict[str, bytes], after: dict[str, bytes], folder: str) -> list[str]:
    """A unified diff of the files that differ (bad bytes shown as escapes)."""
    diff = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, b""), after.get(name, b"")
        if old != new:
            diff += difflib.unified_diff(old.decode("utf-8", "backslashreplace").splitlines(),
                                         new.decode("utf-8", "backslashreplace").splitlines(),
                                         f"seed/{folder}/{name}", f"mutated/{folder}/{name}",
                                         lineterm="")
    return diff


def keep_failure(result: Result, failures: Path, book: Book, seed: int) -> Path:
    """Copy a failing build's inputs, output and mutation to ``failures/<index>/``."""
    target = failures / str(result.mutation.index)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for part in ("src", "courses"):
        shutil.copytree(result.folder / part, target / part,
                        ignore=shutil.ignore_patterns("_generated"))
    (target / "output.txt").write_text(result.output, encoding="utf-8")
    (target / "mutation.json").write_text(json.dumps({
        "seed": seed, **result.mutation.__dict__, "outcome": result.outcome,
        "exit_status": result.status, "reasons": result.reasons}, indent=2, ensure_ascii=False),
        encoding="utf-8")
    original = seed_book(result.mutation.chapter)
    diff = (file_diff(original.pages, book.pages, "src")
            + file_diff(original.courses, book.courses, "courses"))
    (target / "mutation.diff").write_text("\n".join(diff) + "\n", encoding="utf-8")
    args = sphinx_args(Path("src"), Path("courses"), Path("out"))
    args[args.index("-q")] = "-E"
    command = " ".join('"handbook_courses_dir=$PWD/courses"' if a.startswith("handbook_courses_dir")
                       else shlex.quote(a) for a in args)
    sphinx_build = shlex.quote(str(REPO / ".venv" / "bin" / "sphinx-build"))
    (target / "replay.sh").write_text(
        "#!/bin/sh\n# Build this failing input again, as the fuzzer did.\n"
        f'cd "$(dirname "$0")" && NO_COLOR=1 TMPDIR="$PWD" exec {sphinx_build} {command}\n',
        encoding="utf-8")
    (target / "replay.sh").chmod(0o755)
    return target


@dataclass
class Run:
    results: list[Result]
    baseline: list[Result]
    seconds: float

    @property
    def failures(self) -> list[Result]:
        return [r for r in self.results if r.outcome in FAILING]


def fuzz(count: int, seed: int, jobs: int, *, kind: str | None = None,
         indices: list[int] | None = None, failures: Path | None = DEFAULT_FAILURES,
         timeout: float = 120.0, verbose: bool = True) -> Run:
    """Build the unmutated seed (every chapter), then *count* mutations (or *indices*)."""
    preload()
    say = print if verbose else (lambda *a, **k: None)
    started = time.monotonic()
    items = [make_mutation(seed, i, kind) for i in (indices or range(count))]
    books = {m.index: b for m, b in items}
    with tempfile.TemporaryDirectory(prefix="handbook-fuzz-") as tmp:
        runner = Runner(Path(tmp), jobs, timeout)
        # One clean build of every chapter first: a finding is then the mutation's doing.
        # Its caches are handed to every build after it, each of which would otherwise
        # compile the theme's templates again (a quarter of a second) and check the
        # bibliography's 93 files again (over a second; the check's record names the
        # files' digest, so a mutated .bib file is still checked).
        first = Mutation(-1, "baseline", "none", "every chapter", "unmutated seed book")
        baseline = runner.run([(first, seed_book_of_every_chapter())])
        doctrees = baseline[0].folder / "out" / "doctrees"
        runner.caches = Path(tmp) / "caches"
        runner.caches.mkdir()
        if (doctrees / "html-templates").is_dir():
            shutil.copytree(doctrees / "html-templates", runner.caches / "html-templates")
        from handbook.bibliography import CHECKED_FILE  # importable once preloaded
        if (doctrees / CHECKED_FILE).is_file():
            shutil.copy(doctrees / CHECKED_FILE, runner.caches)
        broken = [r for r in baseline if r.outcome != "OK" or r.status != 0]
        for result in broken:
            say(f"BASELINE {result.mutation.chapter}: {result.outcome}, exit status "
                f"{result.status}\n  " + "\n  ".join(result.output.splitlines()[:10]))
        if broken:
            return Run([], baseline, time.monotonic() - started)

        done = [0]

        def progress(result: Result) -> None:
            done[0] += 1
            if result.outcome != "OK":
                m = result.mutation
                say(f"[{done[0]}/{len(items)}] {result.outcome} #{m.index} {m.kind}/{m.operator} "
                    f"({m.chapter}): {m.description[:100]}")

        results = runner.run(items, progress)
        if failures is not None:
            if failures.is_dir() and (failures / ".fuzz-failures").exists():
                shutil.rmtree(failures)
            failures.mkdir(parents=True, exist_ok=True)
            (failures / ".fuzz-failures").write_text("written by benchmarks/fuzz_sources.py\n")
            for result in results:
                if result.outcome in FAILING:
                    book = books[result.mutation.index]
                    result.folder = keep_failure(result, failures, book, seed)
        results.sort(key=lambda r: r.mutation.index)
        return Run(results, baseline, time.monotonic() - started)


def print_report(run: Run, seed: int, jobs: int, failures: Path | None) -> None:
    results = run.results
    print()
    builds = max(1, len(results))
    cpu = sum(r.cpu_seconds for r in results) / builds
    print(f"{len(results)} mutations (seed {seed}) in {run.seconds:.1f} s with {jobs} jobs, "
          f"the baseline build included: {len(results) / run.seconds:.2f} mutations/s; "
          f"per build {sum(r.seconds for r in results) / builds:.2f} s wall, {cpu:.2f} s CPU "
          f"(on {jobs} idle cores: about {jobs / cpu:.1f} mutations/s)")
    print()
    counts = Counter((r.mutation.kind, r.outcome) for r in results)
    header = f"{'kind':<14}" + "".join(f"{o:>11}" for o in OUTCOMES) + f"{'total':>8}"
    print(header)
    print("-" * len(header))
    for kind in KINDS:
        row = [counts[(kind, o)] for o in OUTCOMES]
        if sum(row):
            print(f"{kind:<14}" + "".join(f"{n:>11}" for n in row) + f"{sum(row):>8}")
    total = Counter(r.outcome for r in results)
    print("-" * len(header))
    print(f"{'all':<14}" + "".join(f"{total[o]:>11}" for o in OUTCOMES) + f"{len(results):>8}")

    classes: dict[tuple[str, str], list[Result]] = defaultdict(list)
    for result in results:
        if result.outcome != "OK":
            classes[(result.outcome, signature(result))].append(result)
    if classes:
        print("\nClasses of findings (outcome, count, signature; mutations):")
        for (outcome, sig), members in sorted(classes.items(),
                                              key=lambda kv: (OUTCOMES.index(kv[0][0]) * -1,
                                                              -len(kv[1]))):
            ops = Counter(f"{m.mutation.kind}/{m.mutation.operator}" for m in members)
            print(f"  {outcome:<9} {len(members):>3}  {sig}")
            where = ", ".join(f"{k} ×{n}" for k, n in ops.most_common())
            print(f"                 #{', #'.join(str(m.mutation.index) for m in members[:12])}"
                  f"{' …' if len(members) > 12 else ''}  ({where})")

    failing = run.failures
    if failing:
        print("\nFailures:")
    for result in failing:
        m = result.mutation
        print(f"\n#{m.index} {result.outcome}  {m.kind}/{m.operator}  chapter {m.chapter}  "
              f"(seed {seed}, index {m.index}; exit status {result.status}, "
              f"{result.seconds:.1f} s)")
        print(f"  mutation: {m.description[:200]}")
        for line in result.reasons[:6]:
            print(f"  | {line[:300]}")
        if failures is not None:
            print(f"  inputs: {result.folder}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300, help="mutations to build (300)")
    parser.add_argument("--seed", type=int, default=23, help="random seed (23)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2,
                        help="builds at once (the number of cores)")
    parser.add_argument("--kind", choices=KINDS, help="only mutations of this kind")
    parser.add_argument("--index", type=int, action="append",
                        help="build only mutation INDEX (repeatable)")
    parser.add_argument("--failures", type=Path, default=DEFAULT_FAILURES,
                        help=f"where failing inputs go ({DEFAULT_FAILURES.relative_to(REPO)})")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per build (120)")
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    args = parser.parse_args(argv)
    if args.list:
        for i in args.index or range(args.count):
            mutation, _ = make_mutation(args.seed, i, args.kind)
            print(f"#{i} {mutation.kind}/{mutation.operator} {mutation.chapter}: "
                  f"{mutation.description[:150]}")
        return 0
    run = fuzz(args.count, args.seed, args.jobs, kind=args.kind, indices=args.index,
               failures=args.failures, timeout=args.timeout)
    if not run.results:
        print("\nThe unmutated seed book does not build cleanly: fix that first.")
        return 2
    print_report(run, args.seed, args.jobs, args.failures)
    return 1 if run.failures else 0


if __name__ == "__main__":
    sys.exit(main())
