"""The inline Markdown of a Docusaurus page to MyST: links, inline HTML and JSX, line breaks.

Converted a paragraph at a time (a link may be written over two lines):

- ``[text](https://…)``, ``mailto:`` and ``<https://…>`` stay as written;
- ``[text](#anchor)`` stays when the chapter has that heading, else becomes its text
  (decided once the whole chapter is written, see ``AnchorLinks``);
- site-internal links (``../solution-x``, ``/glossary/#term``) become a link to the book's
  page for that target when there is one, else their text;
- ``<b>``, ``<i>``, ``<code>``, ``<sup>``, ``<sub>``, ``<a href>`` become Markdown, other tags
  are removed (their text kept), ``<br/>`` becomes a paragraph break (MyST's hard line
  break is raw HTML, which the book refuses); ``<iframe>`` becomes a link to the video.

Every link, tag or component that does not survive as such is reported with its line.
Code spans are left untouched; whatever would read as MyST syntax without being meant
as such (``{{``, ``{role}`x```, a left-over ``<tag``) is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from handbook.common.links import (
    LINK_SCHEMES,
    SCHEME,
    UNSAFE_URL_CHARACTERS,
    split_url,
    web_url_problem,
)
from handbook.importer.myst_escapes import escape_link_text
from handbook.importer.read import html_attributes
from handbook.importer.report import Findings

# A code span as CommonMark reads it: a whole run of backticks, closed by a run of the same length.
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
# [text](url "title") and ![alt](src): one level of brackets in the text, one of
# parentheses in the URL (Wikipedia addresses have them).
LINK = re.compile(r"""(!?)\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"""
                  r"""\(\s*(<[^<>\n]*>|(?:[^()\s\\]|\\.|\((?:[^()\s\\]|\\.)*\))*)"""
                  r"""(?:\s+("[^"]*"|'[^']*'|\([^()]*\)))?\s*\)""")
AUTOLINK = re.compile(r"<([A-Za-z][\w+.-]*:[^\s<>]+)>")
BR = re.compile(r"<br\s*/?>", re.I)
LIST_ITEM_START = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
PAIRED_TAGS = {  # HTML tag -> Markdown (opening, closing)
    "b": ("**", "**"), "strong": ("**", "**"), "i": ("*", "*"), "em": ("*", "*"),
    "code": ("`", "`"), "sup": ("{sup}`", "`"), "sub": ("{sub}`", "`"),
}
PAIRED = re.compile(r"<(b|strong|i|em|code|sup|sub)>(.*?)</\1>", re.I)
ANCHOR_TAG = re.compile(r"<a\s[^<>]*>(.*?)</a>", re.I | re.S)
IFRAME = re.compile(r"<iframe\b[^<>]*>(?:\s*</iframe>)?", re.I)
IMG_TAG = re.compile(r"<img\b[^<>]*>", re.I)
JSX_INLINE = re.compile(r"<([A-Z][\w.]*)\b(?:[^<>{}]|\{[^{}]*\})*?(?:/>|>.*?</\1>)")
OTHER_TAG = re.compile(r"</?([A-Za-z][\w-]*)(?=[\s/>])[^<>]*>")  # not <https://…>
# "<" that would start raw HTML: a tag name, a closing tag, a comment or an instruction;
# not an autolink (kept above) and not "a < b".
LEFT_ANGLE = re.compile(r"(?<!\()<(?![A-Za-z][\w+.-]*:[^\s<>]*>)(?=[A-Za-z/!?])")
FOOTNOTE_REF = re.compile(r"(?<!\\)\[\^([^\]\s]+)\]")  # a note's own "[^x]:" is not inline
ROLE_LIKE = re.compile(r"(?<!\\)(\{[\w:.+-]+\}`)")
SENTINEL = re.compile(r"\x00(\d+)\x00")


def video_link(attrs: dict[str, str]) -> str | None:
    """``Video: [title](watch address)`` for an embedded player, None without a web source."""
    src = attrs.get("src", "").strip()
    if src.startswith("//"):
        src = "https:" + src
    if not re.match(r"^https?://", src, re.I):
        return None
    parts = split_url(src)
    if parts is None or web_url_problem(src):
        return None
    youtube = re.match(r"^/embed/([\w-]+)", parts.path)
    if youtube and "youtube" in parts.netloc:
        # The watch page works for readers of both editions; the embed address is a bare player.
        query = parse_qs(parts.query)
        start = f"&t={query['start'][0]}" if "start" in query else ""
        src = f"https://www.youtube.com/watch?v={youtube.group(1)}{start}"
    title = " ".join(attrs.get("title", "").split()) or "the video"
    return f"Video: [{escape_link_text(title)}]({src})"


@dataclass
class AnchorLinks:
    """In-page links, kept as ``\\x00n\\x00`` until the chapter's headings are known."""

    links: list[tuple[str, str, int]] = field(default_factory=list)  # (text, slug, line)

    def placeholder(self, text: str, slug: str, line: int) -> str:
        self.links.append((text, slug, line))
        return f"\x00{len(self.links) - 1}\x00"

    def resolve(self, chapter: str, slugs: set[str], report: Findings) -> str:
        def replace(match: re.Match) -> str:
            text, slug, line = self.links[int(match.group(1))]
            if slug in slugs:
                report.count("link")
                return f"[{text}](#{slug})"
            report.problem(line, f"link to '#{slug}' in the page: no such heading in the chapter, "
                                 f"kept as plain text {text!r}")
            return text

        return SENTINEL.sub(replace, chapter)


class InlineConverter:
    """Converts the inline Markdown of one page; *internal_link* and *picture* are the book's
    answers for a site-internal link and for an inline picture."""

    def __init__(self, report: Findings, anchors: AnchorLinks,
                 internal_link: Callable[[str, str, int], str],
                 picture: Callable[[str, str, int], str]):
        self.report = report
        self.anchors = anchors
        self.internal_link = internal_link
        self.picture = picture
        self.footnotes: set[str] = set()  # labels of the page's footnotes

    def convert(self, text: str, line: int, breaks: str = "markdown") -> str:
        """*text* (one line, or the lines of a paragraph joined by newlines, the first being
        line *line* of the page) in MyST. *breaks*: "markdown" turns ``<br/>`` into a
        paragraph break, "space" into a space (headings, titles, table rows)."""
        if "}`" in text:
            text = ROLE_LIKE.sub(r"\\\1", text)  # "{name}`x`" is a MyST role; there, text
        pieces = []
        pos = 0
        # Backticks in a link's address are part of the address, not a code span; a code
        # span in a link's text stays in the link, converted with it.
        links = [m for m in LINK.finditer(text)] if "`" in text else []
        for code in CODE_SPAN.finditer(text):
            if any(link.start(2) <= code.start() < link.end(2) or
                   link.start(3) <= code.start() < link.end(3) for link in links):
                continue
            start_line = line + text.count("\n", 0, pos)
            pieces.append(self.convert_prose(text[pos:code.start()], start_line, breaks))
            pieces.append(code.group(0))
            pos = code.end()
        pieces.append(self.convert_prose(text[pos:], line + text.count("\n", 0, pos), breaks))
        return "".join(pieces)

    # -- prose ------------------------------------------------------------------------------
    @staticmethod
    def at(line: int, text: str, match: re.Match) -> int:
        """The page line of *match* in *text*, whose first line is *line*."""
        return line + text.count("\n", 0, match.start())

    def convert_prose(self, text: str, line: int, breaks: str) -> str:
        if "{{" in text:
            text = text.replace("{{", "\\{{")  # a MyST substitution; on the old site, text
        if "<" in text:
            text = self.convert_html(text, line, breaks)
            # What is left is no tag we know: "<" stays text, never read as raw HTML.
            text = LEFT_ANGLE.sub(r"\\<", text)
        if "[^" in text:
            text = FOOTNOTE_REF.sub(lambda m: self.footnote(m, self.at(line, text, m)), text)
        if "[" in text:
            text = LINK.sub(lambda m: self.convert_link(m, self.at(line, text, m)), text)
        if "<" in text:
            text = AUTOLINK.sub(lambda m: self.autolink(m, self.at(line, text, m)), text)
        return text

    def footnote(self, match: re.Match, line: int) -> str:
        if match.group(1) in self.footnotes:
            return match.group(0)
        self.report.problem(line, f"footnote reference {match.group(0)} has no note: kept as text")
        return "\\" + match.group(0)

    def autolink(self, match: re.Match, line: int) -> str:
        url = match.group(1)
        if SCHEME.match(url).group(1).lower() in LINK_SCHEMES and split_url(url):
            self.report.count("link")
            return match.group(0)
        self.report.problem(line, f"link to {url} ({SCHEME.match(url).group(1)}: addresses do "
                                  "not work in the book) kept as plain text")
        return url

    def convert_html(self, text: str, line: int, breaks: str) -> str:
        def at(m):
            return self.at(line, text, m)

        text = IFRAME.sub(lambda m: self.video(m.group(0), at(m)), text)
        text = JSX_INLINE.sub(lambda m: self.jsx_component(m, at(m)), text)
        text = IMG_TAG.sub(lambda m: self.img_tag(m.group(0), at(m)), text)
        text = ANCHOR_TAG.sub(lambda m: self.anchor_tag(m, at(m)), text)
        for _ in range(3):  # nested pairs such as <b><i>…</i></b>
            text = PAIRED.sub(lambda m: "{0}{2}{1}".format(*PAIRED_TAGS[m.group(1).lower()],
                                                           m.group(2)), text)
        text = "\n".join(self.convert_breaks(part, breaks) for part in text.split("\n"))
        return OTHER_TAG.sub(lambda m: self.other_tag(m, at(m)), text)

    def convert_breaks(self, text: str, breaks: str) -> str:
        """``<br/>`` in one line, as a paragraph break: MyST's hard line break is raw
        HTML/LaTeX, which the book refuses. Text after it keeps the indentation of a list
        item's content; in a table row it is a space."""
        if not BR.search(text):
            return text
        if breaks == "space" or text.lstrip().startswith("|"):
            return re.sub(r"\s*<br\s*/?>\s*", " ", text, flags=re.I).rstrip()
        item = LIST_ITEM_START.match(text)
        indent = " " * (len(item.group(0)) if item else len(text) - len(text.lstrip()))
        segments = [segment.strip() for segment in BR.split(text)]
        paragraphs = [BR.split(text)[0].rstrip()] + [indent + s for s in segments[1:] if s]
        result = "\n\n".join(paragraphs)
        if not segments[-1]:  # <br/> closing the line: what follows is a new paragraph
            result += "\n"
        return result

    def video(self, fragment: str, line: int) -> str:
        link = video_link(html_attributes(fragment))
        if link is None:
            self.report.problem(line, f"<iframe> without a web address dropped: {fragment!r}")
            return ""
        self.report.count("video")
        return link

    def jsx_component(self, match: re.Match, line: int) -> str:
        self.report.problem(line, f"JSX component <{match.group(1)}> in a line of text not "
                                  f"converted: shown as a placeholder ({match.group(0)!r})")
        return f"*[not converted: {match.group(1)} component]*"

    def img_tag(self, fragment: str, line: int) -> str:
        attrs = html_attributes(fragment)
        return self.picture(attrs.get("alt", ""), attrs.get("src", ""), line)

    def anchor_tag(self, match: re.Match, line: int) -> str:
        attrs = html_attributes(match.group(0))
        href = attrs.get("href", "")
        if not href:
            return match.group(1)
        return f"[{match.group(1)}]({href})"

    def other_tag(self, match: re.Match, line: int) -> str:
        name = match.group(1)
        if name.lower() == "div":
            self.report.note(line, "<div> wrapper unwrapped")
        else:
            self.report.problem(line, f"HTML tag {match.group(0)!r} removed (its text is kept)")
        return ""

    # -- links ------------------------------------------------------------------------------
    def convert_link(self, match: re.Match, line: int) -> str:
        bang, text, url = match.group(1), match.group(2), match.group(3).strip("<>")
        if bang:
            return self.picture(text, url, line)
        if "[" in text:  # a picture (badge) or a link inside the link's text
            text = LINK.sub(lambda m: self.convert_link(m, line), text)
        return self.link(text, url, line)

    def link(self, text: str, url: str, line: int) -> str:
        shown = text or url
        if not url:
            self.report.problem(line, f"link {text!r} has no address: kept as plain text")
            return shown
        if split_url(url) is None or UNSAFE_URL_CHARACTERS.search(url):
            self.report.problem(line, f"link {shown!r} has a malformed address {url!r}: kept as "
                                      "plain text")
            return shown
        if url.lower().startswith("www."):
            self.report.note(line, f"link to {url} had no scheme: https:// added")
            url = "https://" + url
        scheme = SCHEME.match(url)
        if scheme:
            if scheme.group(1).lower() in LINK_SCHEMES:
                self.report.count("link")
                return f"[{text}]({url})" if text else f"<{url}>"
            self.report.problem(line, f"link to {url} ({scheme.group(1)}: addresses do not "
                                      f"work in the book) kept as plain text {shown!r}")
            return shown
        if url.startswith("#"):
            return self.anchors.placeholder(shown, url[1:], line)
        return self.internal_link(text, url, line)
