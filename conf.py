"""Sphinx configuration of the Climate Solutions Handbook.

Build with the repository root as the configuration folder and ``book/`` as the
source folder: ``sphinx-build -c . book _build/html`` (the Makefile does this).
"""

import hashlib
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).parent.resolve()
sys.path.insert(0, str(ROOT / "_ext"))

project = "Climate Solutions Handbook"
author = "The Climate Solutions Handbook contributors"
# SOURCE_DATE_EPOCH (set by the Makefile from the last commit) keeps dates reproducible.
_build_time = time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())))
copyright = f"{_build_time.tm_year}, {author}"
# The version (and the year a reader cites) come from CITATION.cff, the one place to change them.
from handbook.common.citation_file import read_citation  # noqa: E402

handbook_citation_file = str(ROOT / "CITATION.cff")
_citation = read_citation(Path(handbook_citation_file))
release = version = _citation.version
today = time.strftime("%d %B %Y", _build_time)
_pdf_id = hashlib.md5(f"{project} {time.mktime(_build_time)}".encode()).hexdigest().upper()
language = "en"

from handbook.speed.startup import load_opengraph_without_social_cards  # noqa: E402

load_opengraph_without_social_cards()  # social cards are off: no matplotlib at start-up
extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_exercise",  # numbered exercises and their solutions, in HTML and LaTeX
    "sphinx_togglebutton",  # folds solutions (class "dropdown") behind a toggle in HTML
    "sphinxcontrib.rsvgconverter",  # SVG figures to PDF for LaTeX, with rsvg-convert
    "sphinxcontrib.bibtex",  # citations: {footcite:p}`key` from book/references.bib
    "sphinxext.opengraph",  # meta description, OpenGraph and Twitter tags for link previews
    "notfound.extension",  # a 404 page whose links work at any depth
    "handbook",
]

root_doc = "index"
numfig = True
numfig_format = {"figure": "Figure %s", "table": "Table %s", "code-block": "Listing %s", "section": "Section %s"}
exclude_patterns = ["_build", "**/.ipynb_checkpoints"]
templates_path = [str(ROOT / "_templates")]

# -- MyST ------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# Footnotes stay where they are written: a chapter's sources then stay in its References
# section (sphinxcontrib-bibtex's footbibliography) instead of moving below a rule at the
# end of the page.
myst_footnote_sort = False
myst_footnote_transition = False
# Only these link schemes are links; see _ext/handbook/untrusted/content.py for the rest
# of the policy on contributed chapters.
myst_url_schemes = ("http", "https", "mailto")

# -- Sources ---------------------------------------------------------------------
# One bibliography; chapters cite with footnote citations, resolved per chapter (see
# _ext/handbook/bibliography.py for why).
# book/references.bib and one file per chapter in book/references/: one bibliography (a key
# or a source appears once), read from the folder being built.
handbook_bibliography = ["references.bib", "references/*.bib"]
bibtex_bibfiles = []  # filled from handbook_bibliography (_ext/handbook/bibliography.py)
bibtex_default_style = "handbook"  # "plain", titles as published (bibliography.py)
bibtex_foot_reference_style = "foot"

# -- Our extension ---------------------------------------------------------------
handbook_drawdown_csv = str(ROOT / "data" / "drawdown-solutions.csv")
handbook_courses_dir = str(ROOT / "courses")
handbook_html_only = ["courses"]  # how to build a course pack: not for the reader's PDF
handbook_factors_csv = str(ROOT / "data" / "factors.csv")
# Country outlines for the case-study map (npm's world-atlas, installed by `make setup`).
handbook_world_atlas = str(ROOT / "tools" / "world-atlas" / "node_modules" / "world-atlas" / "countries-110m.json")

# -- HTML edition ----------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
# sphinx-exercise copies its CSS only after the pages are written, so a clean build would
# link it without the cache-busting checksum an incremental build gives it; listing its
# folder here has Sphinx copy it before writing, the same way every time.
import sphinx_exercise  # noqa: E402

html_static_path = [str(ROOT / "_static"),
                    str(Path(sphinx_exercise.__file__).parent / "assets" / "html")]
html_css_files = ["handbook.css"]
html_js_files = ["sortable-table.js", "directory-filter.js"]
html_favicon = str(ROOT / "_static" / "favicon.svg")
html_last_updated_fmt = None
# Where the HTML edition is published: canonical links, the sitemap, robots.txt, link
# previews and the 404 page's links start with it. Read the Docs sets its own address;
# HANDBOOK_BASEURL publishes elsewhere (GitHub Pages, say).
html_baseurl = (os.environ.get("HANDBOOK_BASEURL") or os.environ.get("READTHEDOCS_CANONICAL_URL")
                or "https://climate-solutions-handbook.readthedocs.io/en/latest/")
# The 404 page is served at any depth (/en/latest/a/b/missing): its links are absolute.
notfound_urls_prefix = urlsplit(html_baseurl).path
notfound_context = {
    "title": "Page not found",
    "body": "<h1>Page not found</h1>\n<p>This page is not in the Climate Solutions Handbook. "
            "Try the <a href=\"" + notfound_urls_prefix + "index.html\">contents</a> "
            "or the <a href=\"" + notfound_urls_prefix + "search.html\">search</a>.</p>",
}
# Link previews: one card for the book (sphinxext-opengraph's per-page cards would draw
# ~100 images with matplotlib on every build), a description from each page's first text.
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_image = "_static/social-card.png"
ogp_image_alt = "Climate Solutions Handbook"
ogp_social_cards = {"enable": False}
ogp_enable_meta_description = True
ogp_description_length = 200
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    # The front page is the book's title in the sidebar, above the chapter list; listed
    # again in the list, the title would appear twice.
    "home_page_in_toc": False,
    # Without this, pydata-sphinx-theme adds a second header carrying hidden copies of the
    # chapter-list and contents buttons, and both themes' scripts bind to those copies:
    # the visible buttons then do nothing.
    "navbar_persistent": [],
    "footer_content_items": ["handbook-licence-footer.html"],
}
html_sidebars = {
    "**": ["navbar-logo.html", "icon-links.html", "search-button-field.html",
           "sbt-sidebar-nav.html", "handbook-sidebar-links.html"],
}
html_context = {
    "handbook_pdf": "climate-solutions-handbook.pdf",  # copied in by `make book`
    "handbook_epub": "climate-solutions-handbook.epub",  # likewise
    "default_mode": "auto",  # follow the reader's system; the theme logs an error when unset
}
html_copy_source = False
html_show_sourcelink = False

# -- EPUB edition ----------------------------------------------------------------
# Sphinx's EPUB 3 builder, adapted in _ext/handbook/epub/ (theme, cover, accessibility).
epub_basename = "climate-solutions-handbook"
epub_title = project
epub_author = author
epub_publisher = author
epub_contributor = author
epub_copyright = copyright
epub_description = ("A reference book on the solutions that cut greenhouse-gas emissions, one chapter "
                    "per Project Drawdown solution: how each works, the companies that build it, "
                    "case studies and exercises.")
epub_identifier = f"urn:climate-solutions-handbook:{release}"
epub_scheme = "URN"
epub_uid = "bookid"
epub_cover = ("_static/cover.png", "epub-cover.html")  # drawn at build time (epub/cover.py)
epub_css_files = ["handbook-epub.css"]
handbook_epub_static = [str(ROOT / "_static" / "handbook-epub.css")]  # instead of html_static_path
# Sphinx's web-theme leftovers that no e-book page uses.
epub_exclude_files = ["_static/minus.png", "_static/plus.png",
                      "_static/favicon.svg", "_static/basic.css", "_static/exercise.css"]
epub_show_urls = "no"  # an e-reader follows links; addresses in the text would only clutter it
epub_tocdepth = 3  # parts, chapters, their sections
epub_tocscope = "includehidden"  # the front page's toctrees are hidden (the part cards show them)
epub_use_index = False
handbook_epub_subjects = ["Climate change mitigation", "Renewable energy", "Energy efficiency",
                          "Sustainable agriculture", "Project Drawdown"]

# -- PDF edition -----------------------------------------------------------------
latex_engine = "lualatex"
latex_documents = [
    (root_doc, "climate-solutions-handbook.tex", project, author, "manual", False),
]
latex_toplevel_sectioning = "part"
latex_show_urls = "footnote"  # see handbook/print_links.py
latex_additional_files = [str(ROOT / "_static" / "latex" / "handbook.sty")]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # A two-sided book: parts and chapters open on right-hand pages, odd folios on the
    # right. One PDF for screen and paper, so that a page number cited from either is
    # the same page; on screen the cost is a blank verso before some openers.
    "extraclassoptions": "openright,twoside",
    "fontpkg": "",  # fonts are set in handbook.sty
    "passoptionstopackages": r"\PassOptionsToPackage{hyphens}{url}",
    "preamble": "\n".join([
        r"\usepackage{handbook}",
        # The PDF's /ID is otherwise made from the output path and time: fix it, so two
        # builds of the same commit give the same bytes.
        rf"\pdfvariable trailerid {{[<{_pdf_id}> <{_pdf_id}>]}}",
        rf"\newcommand{{\HandbookEdition}}{{Version {release}}}",
        rf"\newcommand{{\HandbookCitation}}{{{_citation.text()}}}",
        rf"\newcommand{{\HandbookCopyright}}{{{_build_time.tm_year} {author}}}",
        r"\hypersetup{pdftitle={Climate Solutions Handbook},",
        r"  pdfauthor={The Climate Solutions Handbook contributors},",
        r"  pdfsubject={Solutions that cut greenhouse-gas emissions: technology, companies, case studies},",
        r"  pdfkeywords={climate solutions, Project Drawdown, heat pumps, buildings, decarbonisation},",
        rf"  pdfinfo={{Version={{{release}}}, License={{{_citation.licence_name} (text and figures), MIT (code)}}}}}}",
    ]),
    "maketitle": r"\HandbookTitlePage",
    "fncychap": "",
    "sphinxsetup": "TitleColor={rgb}{0.05,0.33,0.29}, InnerLinkColor={rgb}{0.05,0.33,0.29}, OuterLinkColor={rgb}{0.10,0.35,0.65}",
    "printindex": r"\HandbookIndexSize\raggedright\printindex",
}
latex_domain_indices = False
