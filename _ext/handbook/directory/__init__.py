"""The company directory and case-study index: the ``handbook`` domain gathers every
company panel, case study and chapter (``data``); the directory pages are written from
it (``pages``), and so are the JSON files readers can download (``export``)."""

from __future__ import annotations

from sphinx.application import Sphinx

from handbook.directory.export import setup_directory_export
from handbook.directory.pages import setup_directory_pages


def setup_directory(app: Sphinx) -> None:
    setup_directory_pages(app)
    setup_directory_export(app)
