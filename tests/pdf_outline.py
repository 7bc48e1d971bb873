"""The PDF's outline (the viewer's bookmarks), flattened, for the tests that read the PDF."""

from __future__ import annotations

from pypdf import PdfReader


def outline_entries(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, physical page number from 1) of every outline entry, in order."""
    entries = []

    def walk(items, depth=0):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return entries
