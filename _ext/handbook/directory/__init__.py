"""The company directory and case-study index: the ``handbook`` domain gathers every
company panel, case study and chapter (``data``); the directory pages are written from
it (``pages``, with the map of ``case_study_map``), and so are the JSON files readers can
download (``export``)."""

from __future__ import annotations

from sphinx.application import Sphinx

from handbook.directory.case_study_map import setup_case_study_map
from handbook.directory.export import setup_directory_export
from handbook.directory.pages import setup_directory_pages


def setup_directory(app: Sphinx) -> None:
    setup_directory_pages(app)
    setup_directory_export(app)
    setup_case_study_map(app)
