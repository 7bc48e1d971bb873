"""The book's tie to Project Drawdown's table: the ``handbook_drawdown_csv`` setting, and
the data file checked once, before any chapter is read (see ``common/drawdown_data.py``)."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from handbook.common.drawdown_data import DrawdownDataError, load_solutions
from handbook.untrusted.source_files import read_source


def load_book_solutions(config: Config):
    """The solutions of the book's data file; a bad byte is a warning at its line."""
    return load_solutions(config.handbook_drawdown_csv, read_source)


def _check_data_file(app: Sphinx, config: Config) -> None:
    # Fail early, once, with the file and line of the problem: without the data file the
    # book cannot be built at all.
    try:
        load_book_solutions(config)
    except DrawdownDataError as error:
        # SystemExit: one line, where sphinx-build would print a traceback for an Exception.
        raise SystemExit(f"error: {error}") from None


def setup_drawdown_table(app: Sphinx) -> None:
    app.add_config_value("handbook_drawdown_csv", "", "env", types=[str])
    app.connect("config-inited", _check_data_file)
