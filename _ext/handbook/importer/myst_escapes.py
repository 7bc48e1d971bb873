"""Text of the old site that MyST (or the book's checks) would read as something else.

Docusaurus and MyST are both Markdown, but not the same Markdown: a line that is plain
text on the old site can be a MyST comment (``% …``), target (``(x)=``), block break
(``+++``) or fence (``:::``); removing a tag can turn ``###<b></b> x`` into a heading;
what is left of a broken link can look like a link to a refused address. Each helper
here keeps such text as the text it was.
"""

from __future__ import annotations

import re

from pygments.filters import ErrorToken
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from handbook.common.links import is_kept_link
from handbook.importer.read import ATX_HEADING
from handbook.importer.report import Findings

SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
STRAY_FENCE = re.compile(r"^(\s*)(:{3,})")
MYST_LINE_SYNTAX = re.compile(r"^\s*(\([^()\s]+\)=\s*$|%|\+\+\+)")  # target, comment, block break
FENCE_ON_LIST_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)(`{3,}|~{3,})")
CODE_FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")
# What is left of a link Markdown could not read ("[a](https://x[y z)"), in the text.
LINK_REMAINS = re.compile(r"\]\(\s*<?([a-zA-Z][\w+.-]*:[^)\s>]*)")
AUTOLINK_REMAINS = re.compile(r"\\?<([a-zA-Z][\w+.-]*:[^>\s]*)>")


def escape_link_text(text: str) -> str:
    """Text from an attribute, as the text of a Markdown link: no tags, nothing Markdown reads."""
    text = re.sub(r"<[^<>]*>", "", text)
    return re.sub(r"([\[\]<>`*_{}\\!])", r"\\\1", text)


def not_block_syntax(line: str) -> str:
    """A converted line of a paragraph, escaped if it would start a block in MyST."""
    if ATX_HEADING.match(line) or STRAY_FENCE.match(line) or SETEXT.match(line) \
            or CODE_FENCE.match(line) or MYST_LINE_SYNTAX.match(line):
        stripped = line.lstrip()
        return line[:len(line) - len(stripped)] + "\\" + stripped
    # A fence opened on a list item's first line ("2. ```x") would swallow the list.
    return FENCE_ON_LIST_ITEM.sub(r"\1\\\2", line)


def one_paragraph(text: str) -> str:
    """*text* as a single paragraph (a caption, a card's text): one line, no list, heading
    or quote at its start."""
    text = " ".join(text.split())
    if re.match(r"^(?:[-+*>#|%]|\d+[.)](?:\s|$))", text):
        return "\\" + text
    return text


def plain_name(name: str) -> str:
    """A company's name as the panel shows it, as text: no tags, nothing that reads as a link."""
    name = re.sub(r"<[^<>]*>", "", name)
    return " ".join(name.replace("](", "] (").replace("<", "").split()) or "(no name)"


def lexes_cleanly(language: str, code: str) -> bool:
    """Whether Pygments knows *language* and reads *code* without an error token (Sphinx
    warns otherwise)."""
    try:
        lexer = get_lexer_by_name(language, stripnl=False, ensurenl=True)
        lexer.add_filter("raiseonerror")
        for _ in lexer.get_tokens(code):
            pass
    except (ClassNotFound, ErrorToken):
        return False
    except Exception:  # a lexer that fails on odd input
        return False
    return True


def defuse_link_remains(text: str, report: Findings) -> str:
    """Break up ``](scheme:…`` and ``<scheme:…>`` left in a chapter by links too broken to
    convert (outside code): the book reads such text as links and refuses them."""
    if "](" not in text and "<" not in text:
        return text
    lines, code_fence = text.split("\n"), None
    for k, line in enumerate(lines):
        marker = CODE_FENCE.match(line)
        if code_fence is not None:
            if marker and marker.group(1).startswith(code_fence) and not marker.group(2).strip():
                code_fence = None
            continue
        if marker and marker.group(2).strip() and not marker.group(2).lstrip().startswith("{"):
            code_fence = marker.group(1)  # a code block (```{directive} lines are Markdown)
            continue
        if "](" not in line and "<" not in line:
            continue
        pieces = re.split(r"(`+[^`]*`+)", line)
        for p in range(0, len(pieces), 2):
            pieces[p] = LINK_REMAINS.sub(lambda m: _defuse_link(m, report), pieces[p])
            pieces[p] = AUTOLINK_REMAINS.sub(lambda m: _defuse_autolink(m, report), pieces[p])
        lines[k] = "".join(pieces)
    return "\n".join(lines)


def _defuse_link(match: re.Match, report: Findings) -> str:
    if is_kept_link(match.group(1)):
        return match.group(0)
    report.problem(0, f"the remains of a broken link were left as text: {match.group(0)!r}")
    return "] (" + match.group(0)[2:]


def _defuse_autolink(match: re.Match, report: Findings) -> str:
    if not match.group(0).startswith("\\") and is_kept_link(match.group(1)):
        return match.group(0)
    report.problem(0, f"the remains of a broken link were left as text: {match.group(0)!r}")
    return match.group(1)
