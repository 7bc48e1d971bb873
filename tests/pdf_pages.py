"""Reading the built PDF for the tests: each page's text, and the outline (bookmarks)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, laid out as printed (pdftotext -layout), in physical order."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]  # a form feed ends every page, the last one too


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
