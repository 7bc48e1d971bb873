"""Web addresses met in old pages: which ones the book keeps, read without ever raising.

The book accepts links to http, https and mailto addresses only (``untrusted_content.py``).
Python's ``urlsplit`` raises on some broken addresses ("https://[x"), which old pages
do contain: here they are simply "malformed".
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qs, urlsplit

from .validation import web_url_problem

SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
KEPT_SCHEMES = ("http", "https", "mailto")
# Characters a web address never holds as such (RFC 3986): they are the remains of markup.
UNSAFE_URL_CHARACTERS = re.compile(r'[<>"`{}|\\^\s]')


def split_url(url: str) -> SplitResult | None:
    """The parts of *url*, or None when Python cannot split it."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def is_malformed(url: str) -> bool:
    return split_url(url) is None or bool(UNSAFE_URL_CHARACTERS.search(url))


def is_kept_link(url: str) -> bool:
    """Whether the book keeps a link to *url* as a link (http, https or mailto, well formed)."""
    scheme = SCHEME.match(url)
    return bool(scheme) and scheme.group(1).lower() in KEPT_SCHEMES and not is_malformed(url)


def web_address_problem(url: str) -> str | None:
    """Why *url* is not a web (http or https) address the book accepts, or None."""
    if is_malformed(url):
        return f"the URL {url!r} is malformed"
    return web_url_problem(url)


def first_url_parameter(text: str, name: str) -> str | None:
    """The value of ``name=`` in the first web address of *text* that has it (jobs links)."""
    for url in re.findall(r"https?://[^\s)\]]+", text):
        parts = split_url(url)
        values = parse_qs(parts.query).get(name) if parts else None
        if values and values[0].strip():
            return values[0].strip()
    return None
