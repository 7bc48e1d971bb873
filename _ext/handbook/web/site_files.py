"""``sitemap.xml`` and ``robots.txt`` at the root of the HTML edition.

Written from the environment's list of pages, not from the pages written in this run
(as sphinx-sitemap does): an incremental build writes only the pages that changed, and
the sitemap must still list every page. Pages are listed in a fixed order, so two builds
of the same commit give the same bytes. Both need ``html_baseurl``, where the edition is
published; without it (a test build, say) neither file is written.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from sphinx.application import Sphinx

from handbook.builders import is_web_edition

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_text(base: str, docnames: list[str], suffix: str = ".html") -> str:
    """Every page at its canonical address (Sphinx's: the front page as index.html)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    for docname in docnames:
        lines.append(f"  <url><loc>{escape(base + docname + suffix)}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_text(base: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"


def write_site_files(app: Sphinx, exception: Exception | None) -> None:
    if exception or not is_web_edition(app.builder) or app.builder.name == "singlehtml":
        return
    base = app.config.html_baseurl
    if not base:
        return
    base = base.rstrip("/") + "/"
    # Every page a reader can reach, with the 404 page and the search page left out.
    docnames = sorted(doc for doc in app.env.found_docs if doc != "404")
    pages = ["index"] + [doc for doc in docnames if doc != "index"] + ["genindex"]
    outdir = Path(app.outdir)
    suffix = app.builder.out_suffix
    (outdir / "sitemap.xml").write_text(sitemap_text(base, pages, suffix), encoding="utf-8")
    (outdir / "robots.txt").write_text(robots_text(base), encoding="utf-8")


def setup_site_files(app: Sphinx) -> None:
    app.connect("build-finished", write_site_files)
