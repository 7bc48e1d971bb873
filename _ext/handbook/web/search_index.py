"""The HTML edition's search: Pagefind's index, written once the pages are.

Sphinx's own search shows theme chrome in its snippets ("…tings Light Dark High-Efficiency
Heat Pumps Contents…"), matches "COP" inside "Copenhagen", and needs its whole index
(half a megabyte) loaded before the first result. Pagefind indexes the text of each page's
article only (``data-pagefind-body``, set in ``_templates/layout.html``), ranks a page
whose title holds the words first, and loads the small parts of its index a query needs;
``_templates/search.html`` and the Ctrl+K dialog show its results as the reader types.
Its binary comes in the ``pagefind-bin`` wheel, so nothing is downloaded at build time.

Sphinx's own index is not made at all: no page loads it, feeding it cost every page
written a stemming pass, and an incremental build lost the index entries of the pages it
did not rewrite (Sphinx keeps them in the environment, which it saves before writing).
The search page is then one of the extension's pages, from the same template.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from sphinx.application import Sphinx

from handbook.builders import is_web_edition
from handbook.validation import warn

# What is on a page but not its text: heading permalinks, the chapter label above a title.
NOT_TEXT = ".headerlink, .hb-chapter-number"


def write_search_index(app: Sphinx, exception: Exception | None) -> None:
    if not exception and not app.config.handbook_search_index_later:
        index_site(app)


def index_site(app: Sphinx) -> None:
    """Index the HTML edition's pages as they are in the output folder now."""
    if app.builder.format != "html" or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    command = [sys.executable, "-m", "pagefind", "--site", str(outdir), "--quiet",
               "--keep-index-url", "--exclude-selectors", NOT_TEXT]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or "error" in result.stderr.lower():
        warn(f"the search index (Pagefind) failed: {(result.stderr or result.stdout).strip()}",
             "search", str(outdir))
        return
    remove_earlier_index_files(outdir / "pagefind")


def remove_earlier_index_files(bundle: Path) -> None:
    """Remove the files of earlier builds' indexes from Pagefind's *bundle*.

    Pagefind names the files of an index (a page's fragment, a chunk of the word index)
    by a hash of their content, and does not compress and write again a file that is
    already there. When no page's text changed (a second `make html`, `make book` after
    it), it writes a dozen files instead of 170, 0.4 s less at 93 chapters; when one
    chapter's text changed, only the pages' fragments are spared, since every chunk of
    the word index numbers the pages. But it leaves the files that no longer belong to
    the index. The index lists its files, by their hashed names, in each
    language's metadata file, which ``pagefind-entry.json`` names; every hashed file
    that no metadata file names is an earlier index's."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    metadata = {bundle / f"pagefind.{language['hash']}.pf_meta"
                for language in entry["languages"].values()}
    listed = b"".join(gzip.decompress(meta.read_bytes()) for meta in metadata)
    for path in bundle.rglob("*.pf_*"):
        if path in metadata:
            continue
        if path.suffix == ".pf_meta" or path.name.split(".")[0].encode() not in listed:
            path.unlink()


def leave_out_sphinx_index(app: Sphinx) -> None:
    if is_web_edition(app.builder):
        app.builder.search = False


def search_page(app: Sphinx):
    if is_web_edition(app.builder):
        yield "search", {}, "search.html"


def setup_search_index(app: Sphinx) -> None:
    # Set by `make live` (handbook.live), which indexes the site once the browser reloads.
    app.add_config_value("handbook_search_index_later", False, "", types=[bool])
    app.connect("builder-inited", leave_out_sphinx_index)
    app.connect("html-collect-pages", search_page)
    app.connect("build-finished", write_search_index)
