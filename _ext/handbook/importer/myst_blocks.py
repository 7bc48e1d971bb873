"""The chapter being written: MyST blocks, rendered to text with the right fences.

A converted page is a list of blocks::

    [Heading(2, "Overview"), Markdown(["Some text."]),
     Directive("admonition", "Learn More", [("class", "info")], [Markdown(["- …"])])]

``render`` puts one blank line between blocks and gives every colon fence one colon
more than the fences it contains, so nesting always parses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from myst_parser.slugs import github_slugify, unique_slug

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
HEADING_ANCHOR_LEVELS = 3  # myst_heading_anchors in conf.py


@dataclass
class Markdown:
    lines: list[str]


@dataclass
class Heading:
    level: int
    text: str
    line: int = 0  # source line, for the report


@dataclass
class Rule:
    """A thematic break (``---``): docutils allows it only between paragraphs of a section."""

    line: int = 0


@dataclass
class Directive:
    name: str
    argument: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    body: list = field(default_factory=list)
    backticks: bool = False  # ```{name}``` instead of :::{name}


Block = Markdown | Heading | Rule | Directive


def colon_depth(block: Block) -> int:
    """How many colon fences are nested in *block*, itself included."""
    if not isinstance(block, Directive):
        return 0
    inner = max((colon_depth(child) for child in block.body), default=0)
    return inner + (0 if block.backticks else 1)


def render_blocks(blocks: list[Block]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        rendered = render_block(block)
        if not rendered:
            continue
        if lines:
            lines.append("")
        lines.extend(rendered)
    return lines


def render_block(block: Block) -> list[str]:
    if isinstance(block, Markdown):
        return tidy_lines(block.lines)
    if isinstance(block, Heading):
        return [f"{'#' * block.level} {block.text}"]
    if isinstance(block, Rule):
        return ["---"]
    body = render_blocks(block.body)
    if block.backticks:
        longest = max((len(m.group(0)) for line in body for m in re.finditer(r"^`{3,}", line)),
                      default=2)
        fence = "`" * max(3, longest + 1)
    else:
        # Longer than any colon fence inside, and than any ":::" line of a code block inside
        # (the colon fence does not know about code blocks).
        colons = (re.match(r"^\s*(:{3,})", line) for line in body)
        inner = max((len(m.group(1)) for m in colons if m), default=2)
        fence = ":" * max(2 + colon_depth(block), inner + 1)
    head = f"{fence}{{{block.name}}}" + (f" {block.argument}" if block.argument else "")
    lines = [head] + [f":{key}: {option_value(value)}" for key, value in block.options]
    if body:
        lines.append("")
        lines.extend(body)
    lines.append(fence)
    return lines


# What MyST's option parser (a small YAML) would not read back as the same plain text.
_NEEDS_QUOTES = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: | #|:$|\s$")


def option_value(value: str) -> str:
    """A directive option's value, double-quoted when YAML would read it otherwise."""
    return json.dumps(value, ensure_ascii=False) if _NEEDS_QUOTES.search(value) else value


_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "y", "n", "null", "~"}


def yaml_scalar(value: str, flow: bool = False) -> str:
    """*value* as a YAML string: plain when YAML reads it back as this very text, else
    double-quoted (JSON's escapes are YAML's). Written by hand so that the output does not
    depend on the YAML library's style choices (or on whether libyaml is installed)."""
    unsafe = r": | #|:$|\s$|[\t\n]" + (r"|[,\[\]{}]" if flow else "")
    if re.match(r"^[A-Za-z]", value) and not re.search(unsafe, value) \
            and value.lower() not in _YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def tidy_lines(lines: list[str]) -> list[str]:
    """No blank lines at either end, no runs of blank lines, no trailing spaces."""
    tidy: list[str] = []
    for line in lines:
        line = line.rstrip()
        if not line and (not tidy or not tidy[-1]):
            continue
        tidy.append(line)
    while tidy and not tidy[-1]:
        tidy.pop()
    return tidy


def heading_slugs(text: str) -> set[str]:
    """The anchors MyST gives the headings of *text* (levels 1-3, outside code blocks)."""
    slugs: dict[str, None] = {}
    fence = None
    for line in text.split("\n"):
        stripped = line.strip()
        marker = re.match(r"^(`{3,}|~{3,}|:{3,})", stripped)
        if marker and fence is None and not stripped.startswith(":::"):
            fence = marker.group(1)
            continue
        if fence is not None:
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        heading = HEADING.match(line)
        if heading and len(heading.group(1)) <= HEADING_ANCHOR_LEVELS:
            slug = github_slugify(plain_heading_text(heading.group(2)))
            if slug:
                slugs[unique_slug(slug, slugs)] = None
    return set(slugs)


def plain_heading_text(text: str) -> str:
    """The text MyST makes a heading's slug from: link text, no emphasis marks."""
    text = re.sub(r"\x00\d+\x00", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"(\*\*|__|\*|_)(.+?)\1", r"\2", text)
