"""Reading a Docusaurus page: front matter, comments, admonition blocks, HTML and JSX elements.

The page becomes a short tree of blocks, each with the line it starts on::

    [TextLines(lines 6-9), Admonition("company", "job openings", line 13, children=[TextLines]),
     CodeFence(...), Markup("iframe", {"src": …, "title": …}, line 30), ...]

Everything else (headings, lists, links, pictures) stays as Markdown text lines, for
``docusaurus_convert`` to turn into our MyST. Whatever is dropped here (comments, JSX
``import`` lines, stray ``:::``) goes into the page's report with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

from handbook.common import yaml_source
from handbook.importer.report import PageReport
from handbook.importer.source import SourceLine, decode_page

# Keys that only steer the Docusaurus site (navigation, URLs, SEO): dropped without a word.
DOCUSAURUS_KEYS = frozenset({
    "id", "title", "slug", "sidebar_label", "sidebar_position", "sidebar_class_name",
    "sidebar_custom_props", "displayed_sidebar", "hide_title", "hide_table_of_contents",
    "toc_min_heading_level", "toc_max_heading_level", "pagination_label", "pagination_next",
    "pagination_prev", "parse_number_prefixes", "custom_edit_url", "draft", "unlisted",
    "last_update", "image", "keywords",
})

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")
ADMONITION_OPEN = re.compile(r"^\s*(:{3,})([A-Za-z][\w-]*)(.*)$")
ADMONITION_CLOSE = re.compile(r"^\s*:{3,}\s*$")
ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*$")
IMPORT_LINE = re.compile(r"""^(import\s+(?:[\w*{}\s,]+\s+from\s+)?['"][^'"]+['"];?"""
                         r"""|export\s+(?:default\s+)?(?:const|let|var|function|class)\b.*)\s*$""")
TAG_START = re.compile(r"^\s*<([A-Za-z][\w.]*)")
LONE_BR = re.compile(r"^\s*<br\s*/?>\s*$", re.I)
DIV_TAG = re.compile(r"</?div\b(?:[^>{}]|\{[^}]*\}+)*>", re.I)
# Comment syntaxes of the old site: HTML, and JSX (MDX) expressions holding a comment.
COMMENTS = (("<!--", "-->"), ("{/*", "*/}"))
MAX_ELEMENT_LINES = 200

_FRONT_MATTER_TITLE = re.compile(r"^title\s*:\s*(.+?)\s*$")


@dataclass
class TextLines:
    lines: list[SourceLine]


@dataclass
class CodeFence:
    lines: list[SourceLine]


@dataclass
class Admonition:
    kind: str
    title: str
    line: int
    children: list = field(default_factory=list)


@dataclass
class Markup:
    """An HTML or JSX element standing on its own lines (``<iframe>``, ``<ImageCard/>``, ...)."""

    name: str             # as written: "iframe", "ImageCard"
    attrs: dict[str, str]  # string attributes; {…} expressions kept as written
    raw: str              # the element's source text
    line: int


Block = TextLines | CodeFence | Admonition | Markup


@dataclass
class DocusaurusPage:
    path: Path
    front_matter: dict
    title: str
    blocks: list[Block]
    report: PageReport
    lines: list[SourceLine]   # the body, after comments were removed


# -- front matter --------------------------------------------------------------------------
def split_front_matter(lines: list[SourceLine],
                       report: PageReport) -> tuple[dict, list[SourceLine]]:
    """The front matter as a mapping (empty if none or broken) and the lines after it."""
    if not lines or lines[0].text.strip() != "---":
        return {}, lines
    end = next((i for i in range(1, len(lines)) if lines[i].text.strip() in ("---", "...")), None)
    if end is None:
        # Read up to the first blank line, so that a title can still be found.
        end = next((i for i in range(1, len(lines)) if not lines[i].text.strip()), len(lines))
        report.problem(1, "the front matter is never closed (no second '---' line): "
                          f"read lines 2-{end} as front matter")
        yaml_lines, body = lines[1:end], lines[end:]
    else:
        yaml_lines, body = lines[1:end], lines[end + 1:]
    text = "\n".join(line.text for line in yaml_lines)
    try:
        root = yaml_source.parse(text)
    except yaml_source.YamlProblem as problem:
        report.problem(2 + problem.line, f"malformed front matter YAML ({problem}): its keys "
                                         "are dropped" + _title_rescue_note(yaml_lines))
        return _rescued_title(yaml_lines), body
    if root is None:
        return {}, body
    if not isinstance(root, yaml.MappingNode):
        report.problem(2, "the front matter is not a mapping of keys to values: dropped")
        return {}, body
    try:
        items = yaml_source.mapping_items(root)
    except yaml.YAMLError as error:  # a tag PyYAML cannot build ("!foo"), ...
        report.problem(2, f"front matter YAML that cannot be read ({error}): its keys are "
                          "dropped" + _title_rescue_note(yaml_lines))
        return _rescued_title(yaml_lines), body
    values = {key: located.value for key, located in items.items()}
    for key, located in items.items():
        if key not in DOCUSAURUS_KEYS:
            report.problem(2 + located.line, f"front matter key {key!r} has no equivalent in the "
                                             f"book: dropped (value {located.value!r})")
    return values, body


def _rescued_title(yaml_lines: list[SourceLine]) -> dict:
    for line in yaml_lines:
        match = _FRONT_MATTER_TITLE.match(line.text)
        if match:
            return {"title": match.group(1).strip("'\"")}
    return {}


def _title_rescue_note(yaml_lines: list[SourceLine]) -> str:
    return " except its title line" if _rescued_title(yaml_lines) else ""


# -- comments ------------------------------------------------------------------------------
def remove_comments(lines: list[SourceLine], report: PageReport) -> list[SourceLine]:
    """The lines without HTML and JSX comments (outside code fences); each one is reported."""
    result: list[SourceLine] = []
    fence: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if fence is None:
            opened = FENCE.match(line.text)
            if opened:
                fence = opened.group(2)
        elif line.text.strip().startswith(fence) and not line.text.strip().strip(fence[0]):
            fence = None
            result.append(line)
            i += 1
            continue
        if fence is not None:
            result.append(line)
            i += 1
            continue
        text, i = _strip_comments_from(lines, i, report)
        if text is not None:
            result.append(SourceLine(line.no, text))
    return result


def _strip_comments_from(lines: list[SourceLine], i: int,
                         report: PageReport) -> tuple[str | None, int]:
    """Line *i* with its comments removed (None if nothing is left of a comment-only line),
    and the index of the next line to read (past a comment that spans lines)."""
    start_no = lines[i].no
    text = lines[i].text
    had_comment = False
    while True:
        found = [(text.find(opener), opener, closer) for opener, closer in COMMENTS
                 if opener in text]
        if not found:
            break
        at, opener, closer = min(found)
        before, after = text[:at], text[at + len(opener):]
        content = []
        j = i
        while closer not in after and j + 1 < len(lines):
            content.append(after)
            j += 1
            after = lines[j].text
        if closer not in after:
            report.problem(start_no, f"comment opened with {opener!r} is never closed: "
                                     "its marker is removed and its text kept")
            return before + text[at + len(opener):], i + 1
        end = after.index(closer)
        content.append(after[:end])
        report.problem(start_no, "comment dropped: " + repr(" ".join(" ".join(content).split())))
        after = after[end + len(closer):]
        # "text <!-- c --> more": one space between what was either side.
        text = before.rstrip() + " " + after.lstrip() if before.strip() and after.strip() \
            else before + after
        had_comment = True
        i = j
    if had_comment and not text.strip():
        return None, i + 1
    return text, i + 1


# -- blocks --------------------------------------------------------------------------------
class _AttributeReader(HTMLParser):
    """The attributes of the first tag of an HTML fragment (``<iframe src=… title=…>``)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] | None = None

    def handle_starttag(self, tag, attrs):
        if self.attrs is None:
            self.attrs = {name: value or "" for name, value in attrs}

    handle_startendtag = handle_starttag


def html_attributes(fragment: str) -> dict[str, str]:
    reader = _AttributeReader()
    reader.feed(fragment)
    reader.close()
    return reader.attrs or {}


_JSX_ATTRIBUTE = re.compile(r"""([A-Za-z_][\w:-]*)(?:\s*=\s*("[^"]*"|'[^']*'|\{))?""")


def jsx_attributes(opening_tag: str) -> dict[str, str]:
    """Attributes of a JSX opening tag; ``{…}`` expressions are kept as written."""
    attrs: dict[str, str] = {}
    body = re.sub(r"^<\s*[\w.]+", "", opening_tag).rstrip(">").rstrip("/")
    pos = 0
    while True:
        match = _JSX_ATTRIBUTE.search(body, pos)
        if not match:
            return attrs
        name, value = match.group(1), match.group(2)
        if value is None:
            attrs[name] = "true"
            pos = match.end()
        elif value == "{":
            end = _matching_brace(body, match.end() - 1)
            attrs[name] = body[match.end() - 1:end + 1]
            pos = end + 1
        else:
            attrs[name] = value[1:-1]
            pos = match.end()


def _matching_brace(text: str, start: int) -> int:
    depth, quote = 0, None
    for pos in range(start, len(text)):
        char = text[pos]
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"`":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return pos
    return len(text) - 1


def _opening_tag_end(text: str, start: int) -> int | None:
    """Index of the ``>`` that ends the tag opened at *start* (quotes and {…} skipped)."""
    depth, quote = 0, None
    for pos in range(start + 1, len(text)):
        char = text[pos]
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"" and depth == 0 or char == "`" and depth:
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif char == ">" and depth == 0:
            return pos
    return None


def _element_end(text: str, name: str, start: int) -> tuple[int, str] | None:
    """End index (exclusive) of the element whose opening tag starts at *start*, and its
    opening tag; None while the text does not hold the whole element yet."""
    tag_end = _opening_tag_end(text, start)
    if tag_end is None:
        return None
    opening = text[start:tag_end + 1]
    if opening.rstrip(">").rstrip().endswith("/") or name.lower() in ("img", "br", "hr", "source"):
        return tag_end + 1, opening
    # Elements of the same name may nest (JSX): count them.
    pattern = re.compile(rf"<(/?){re.escape(name)}\b", re.I if name.islower() else 0)
    depth, pos = 1, tag_end + 1
    while True:
        match = pattern.search(text, pos)
        if not match:
            return None
        inner_end = _opening_tag_end(text, match.start())
        if inner_end is None:
            return None
        if match.group(1):
            depth -= 1
            if depth == 0:
                return inner_end + 1, opening
        elif not text[match.start():inner_end + 1].rstrip(">").rstrip().endswith("/"):
            depth += 1
        pos = inner_end + 1


def read_element(lines: list[SourceLine], i: int, name: str) -> tuple[Markup, int, str] | None:
    """The element starting on line *i*, the index of its last line and the text after it."""
    start = lines[i].text.index("<")
    text = lines[i].text
    for j in range(i, min(len(lines), i + MAX_ELEMENT_LINES)):
        if j > i:
            text += "\n" + lines[j].text
        found = _element_end(text, name, start)
        if found:
            end, opening = found
            raw = text[start:end]
            attrs = jsx_attributes(opening) if name[0].isupper() else html_attributes(opening)
            return Markup(name, attrs, raw, lines[i].no), j, text[end:]
    return None


def read_opening_tag(lines: list[SourceLine], i: int, name: str) -> tuple[Markup, int, str] | None:
    """The opening tag starting on line *i* alone, for an element that is never closed."""
    start = lines[i].text.index("<")
    text = lines[i].text
    for j in range(i, min(len(lines), i + MAX_ELEMENT_LINES)):
        if j > i:
            text += "\n" + lines[j].text
        end = _opening_tag_end(text, start)
        if end is not None:
            opening = text[start:end + 1]
            attrs = jsx_attributes(opening) if name[0].isupper() else html_attributes(opening)
            return Markup(name, attrs, opening, lines[i].no), j, text[end + 1:]
    return None


class _BlockReader:
    def __init__(self, report: PageReport):
        self.report = report
        self.root: list[Block] = []
        self.stack: list[tuple[Admonition | None, list[Block]]] = [(None, self.root)]

    @property
    def children(self) -> list[Block]:
        return self.stack[-1][1]

    def add_text(self, line: SourceLine) -> None:
        if self.children and isinstance(self.children[-1], TextLines):
            self.children[-1].lines.append(line)
        else:
            self.children.append(TextLines([line]))

    def close_open_admonitions(self, where: str) -> None:
        while len(self.stack) > 1:
            admonition, _ = self.stack.pop()
            self.report.problem(admonition.line, f"':::{admonition.kind}' is never closed: "
                                                 f"closed {where}")

    def read(self, lines: list[SourceLine]) -> list[Block]:
        i = 0
        while i < len(lines):
            i = self.read_line(lines, i)
        self.close_open_admonitions("at the end of the page")
        return self.root

    def read_line(self, lines: list[SourceLine], i: int) -> int:
        line = lines[i]
        text = line.text
        fence = FENCE.match(text)
        if fence:
            return self.read_fence(lines, i, fence.group(2))
        heading = ATX_HEADING.match(text)
        if heading and len(heading.group(1)) <= 2 and len(self.stack) > 1:
            # A page section never sits in an admonition: the author forgot a ':::'.
            self.close_open_admonitions(f"before the heading on line {line.no}")
        opened = ADMONITION_OPEN.match(text)
        if opened:
            kind, title = opened.group(2), admonition_title(opened.group(3))
            admonition = Admonition(kind, title, line.no)
            self.children.append(admonition)
            self.stack.append((admonition, admonition.children))
            return i + 1
        if ADMONITION_CLOSE.match(text):
            if len(self.stack) > 1:
                self.stack.pop()
            else:
                self.report.problem(line.no, "':::' closes no admonition: dropped")
            return i + 1
        if IMPORT_LINE.match(text):
            self.report.note(line.no, f"JSX line dropped: {text.strip()!r}")
            return i + 1
        if LONE_BR.match(text):
            self.add_text(SourceLine(line.no, ""))  # a paragraph break
            return i + 1
        tag = TAG_START.match(text)
        if tag and tag.group(1).lower() == "div":
            return self.unwrap_div(line, i)
        if tag and (tag.group(1)[0].isupper() or tag.group(1).lower() in ("iframe", "img")):
            return self.read_markup(lines, i, tag.group(1))
        self.add_text(line)
        return i + 1

    def read_fence(self, lines: list[SourceLine], i: int, marker: str) -> int:
        block = CodeFence([lines[i]])
        for j in range(i + 1, len(lines)):
            block.lines.append(lines[j])
            stripped = lines[j].text.strip()
            if stripped.startswith(marker) and not stripped.strip(marker[0]):
                self.children.append(block)
                return j + 1
        self.report.problem(lines[i].no, "code block is never closed: closed at the end of "
                                         "the page")
        block.lines.append(SourceLine(lines[-1].no, marker))
        self.children.append(block)
        return len(lines)

    def unwrap_div(self, line: SourceLine, i: int) -> int:
        rest = DIV_TAG.sub("", line.text)
        self.report.note(line.no, "<div> wrapper unwrapped")
        if rest.strip():
            self.add_text(SourceLine(line.no, rest))
        return i + 1

    def read_markup(self, lines: list[SourceLine], i: int, name: str) -> int:
        found = read_element(lines, i, name)
        if found is None:
            found = read_opening_tag(lines, i, name)
            if found is None:
                self.report.problem(lines[i].no, f"<{name}> is never closed: its first line is "
                                                 "kept as text")
                self.add_text(lines[i])
                return i + 1
            self.report.note(lines[i].no, f"<{name}> has no closing tag: read as its opening "
                                          "tag alone")
        markup, last, after = found
        self.children.append(markup)
        if after.strip():
            self.add_text(SourceLine(lines[last].no, after))
        return last + 1


def admonition_title(rest: str) -> str:
    """The title after ``:::kind``: ``Title``, ``[Title]`` (Docusaurus 3) or nothing."""
    rest = rest.strip()
    bracketed = re.match(r"^\[(.*)\]", rest)
    if bracketed:
        return bracketed.group(1).strip()
    return re.sub(r"\{[^{}]*\}\s*$", "", rest).strip()


def read_blocks(lines: list[SourceLine], report: PageReport) -> list[Block]:
    return _BlockReader(report).read(lines)


# -- the page ------------------------------------------------------------------------------
def title_from_file_name(path: Path) -> str:
    stem = re.sub(r"^(solution|sector)-", "", path.stem)
    words = [w for w in re.split(r"[-_\s]+", stem) if w]
    return " ".join(w[:1].upper() + w[1:] for w in words) or path.stem


def read_page(path: Path, report: PageReport) -> DocusaurusPage:
    """Read and decode *path*; raises OSError when the file cannot be read."""
    lines, decoding_problems = decode_page(path.read_bytes())
    report.problems.extend(decoding_problems)
    front, body = split_front_matter(lines, report)
    body = remove_comments(body, report)
    first = next((k for k, line in enumerate(body)
                  if line.text.strip() and not IMPORT_LINE.match(line.text)), None)
    heading = ATX_HEADING.match(body[first].text) if first is not None else None
    if heading and len(heading.group(1)) == 1 and heading.group(2):
        # Docusaurus shows a page's own '# Title' instead of its front-matter title.
        title = heading.group(2).strip()
        body = body[:first] + body[first + 1:]
    elif isinstance(front.get("title"), (str, int, float)) and str(front["title"]).strip():
        title = str(front["title"]).strip()
    else:
        title = title_from_file_name(path)
        report.note(0, f"no title in the page: {title!r} taken from its file name")
    return DocusaurusPage(path, front, title, read_blocks(body, report), report, body)
