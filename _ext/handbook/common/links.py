"""The book's link policy, in one place for the book and the importer.

- A link in a chapter may go to an http, https or mailto address (``LINK_SCHEMES``);
  markdown-it leaves ``javascript:``, ``file:`` and ``data:`` links as text, which
  ``REFUSED_LINK_TEXT`` finds so that they are reported, not printed.
- A web address of the book's data (a company, a case study's source, a bibliography
  entry, a navigation entry) is http or https with a host (``web_url_problem``).
- Addresses are read without ever raising: Python's ``urlsplit`` raises on some broken
  ones ("https://[x"), which old pages and untrusted chapters do contain.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qs, urlsplit

LINK_SCHEMES = ("http", "https", "mailto")
WEB_SCHEMES = ("http", "https")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# Characters a web address never holds as such (RFC 3986): they are the remains of markup.
UNSAFE_URL_CHARACTERS = re.compile(r'[<>"`{}|\\^\s]')
# Links written in text: "[text](scheme:…)", "<scheme:…>", and "[name]: scheme:…".
REFUSED_LINK_TEXT = re.compile(r"\]\(\s*<?(?P<url>[a-zA-Z][\w+.-]*:[^)\s>]*)|"
                               r"<(?P<auto>[a-zA-Z][\w+.-]*:[^>\s]*)>|"
                               r"^\s*\[[^\]]+\]:\s*<?(?P<definition>[a-zA-Z][\w+.-]*:[^\s>]*)",
                               re.MULTILINE)


def split_url(url: str) -> SplitResult | None:
    """The parts of *url*, or None when Python cannot split it."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def scheme_of(target: str) -> str | None:
    """The lower-case scheme of *target*, or None when it has none worth a look."""
    parts = split_url(target.strip())
    if parts is None:  # malformed (an unclosed IPv6 bracket): judge by the text before ':'
        head = target.strip().split(":", 1)[0].lower()
        return head if ":" in target and head.isalpha() and len(head) > 1 else None
    # A Windows drive letter or a plain word is not a scheme worth a look.
    return parts.scheme.lower() if len(parts.scheme) > 1 else None


def is_malformed(url: str) -> bool:
    return split_url(url) is None or bool(UNSAFE_URL_CHARACTERS.search(url))


def is_kept_link(url: str) -> bool:
    """Whether the book keeps a link to *url* as a link (http, https or mailto, well formed)."""
    scheme = SCHEME.match(url)
    return bool(scheme) and scheme.group(1).lower() in LINK_SCHEMES and not is_malformed(url)


def refused_links_in(text: str) -> list[str]:
    """The addresses of links written in *text* whose scheme the book refuses."""
    found = []
    for match in REFUSED_LINK_TEXT.finditer(text):
        url = match.group("url") or match.group("auto") or match.group("definition")
        if scheme_of(url) not in LINK_SCHEMES:
            found.append(url)
    return found


def web_url_problem(url: str) -> str | None:
    """Why *url* is not a web (http or https) address the book accepts, or None."""
    if not url:
        return "the URL is empty"
    if any(ch.isspace() for ch in url):
        return f"the URL {url!r} contains white space"
    parts = split_url(url)
    if parts is None or UNSAFE_URL_CHARACTERS.search(url):
        return f"the URL {url!r} is malformed"
    if parts.scheme.lower() not in WEB_SCHEMES:
        return f"the URL {url!r} is not an http(s) address"
    if not parts.netloc:
        return f"the URL {url!r} has no host name"
    return None


def first_url_parameter(text: str, name: str) -> str | None:
    """The value of ``name=`` in the first web address of *text* that has it (jobs links)."""
    for url in re.findall(r"https?://[^\s)\]]+", text):
        parts = split_url(url)
        values = parse_qs(parts.query).get(name) if parts else None
        if values and values[0].strip():
            return values[0].strip()
    return None
