"""Which edition a builder makes. Sphinx's EPUB builder is an HTML builder too (its
format is "html"), so the format alone does not tell the web edition, read in a browser
from a server, from the e-book, whose pages have no server, no scripts and no other
files beside them."""

from __future__ import annotations

E_BOOK_BUILDERS = frozenset({"epub"})


def is_web_edition(builder) -> bool:
    return builder.format == "html" and builder.name not in E_BOOK_BUILDERS


def is_e_book(builder) -> bool:
    return builder.name in E_BOOK_BUILDERS
