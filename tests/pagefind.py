"""What the HTML edition's search (Pagefind) holds: the text of each page it indexed, as
its results show it. Each fragment file is gzip-compressed JSON behind a short signature."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def indexed_text(html: Path) -> dict[str, str]:
    """Page address -> the text the search index holds for it."""
    pages = {}
    for fragment in sorted((html / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(SIGNATURE), fragment
        page = json.loads(data[len(SIGNATURE):])
        pages[page["url"]] = page["content"]
    return pages
