"""The Climate Solutions Handbook's Sphinx extension and its chapter importer.

``setup()`` is all Sphinx needs; it loads the extension (``extension.py``) only when
called, so that ``handbook import`` (``importer/``) starts without Sphinx.
"""

__version__ = "0.1.0"


def setup(app) -> dict:
    from handbook.extension import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        # Raise it whenever the nodes the extension keeps in the environment change shape
        # (5: the tables of solutions carry a caption): Sphinx then reads every page again
        # instead of failing on doctrees pickled by the older code.
        "env_version": 6,
        # Cross-chapter data lives in the handbook domain, kept per document and merged
        # by merge_domaindata, so reading and writing in parallel is safe.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
