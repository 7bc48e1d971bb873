"""Sphinx's EPUB 3 builder, made to give a valid, accessible e-book of this book.

- Its pages use Sphinx's plain ``epub`` theme with the templates in ``templates/``: the
  book's ``_templates/`` restyle the web theme, which an e-reader does not have.
- No scripts: an e-reader runs none, and EPUBCheck would want each page marked
  "scripted". What the web edition folds behind a button is open in the e-book.
- The package document (content.opf) gets the book's subjects, the accessibility
  metadata, and the manifest properties EPUB asks for: ``mathml`` and ``svg`` on pages
  that carry MathML or inline SVG (the case-study map), ``cover-image`` on the cover.
- Pages say their language; the navigation document has its ARIA role; toc.ncx names
  the book by its identifier.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote
from xml.sax.saxutils import escape

from sphinx.builders.epub3 import Epub3Builder

from handbook.epub.accessibility import accessibility_metadata

TEMPLATES = Path(__file__).parent / "templates"
# A page's manifest item, as Sphinx's content.opf template writes it.
XHTML_ITEM = re.compile(r'<item id="([^"]+)" href="([^"]+)" media-type="application/xhtml\+xml" />')


@contextmanager
def _templates_path(config, paths: list[str]):
    saved = config.templates_path
    config.templates_path = paths
    try:
        yield
    finally:
        config.templates_path = saved


class HandbookEpubBuilder(Epub3Builder):
    def init_templates(self) -> None:
        with _templates_path(self.config, [str(TEMPLATES)]):
            super().init_templates()

    def update_page_context(self, pagename, templatename, ctx, event_arg) -> None:
        super().update_page_context(pagename, templatename, ctx, event_arg)
        ctx["script_files"] = []
        # Only the e-book's own style sheets: the extensions' are written for the web
        # theme (and some are copied after the e-book is packed).
        extensions = {f"_static/{name}" for name, _attrs in self._registry.css_files}
        ctx["css_files"] = [css for css in ctx["css_files"] if str(css.filename) not in extensions]

    def prepare_writing(self, docnames) -> None:
        super().prepare_writing(docnames)
        # Each page says its language (Sphinx's EPUB pages do not): readers pick the voice
        # and hyphenation from it.
        language = escape(self.config.epub_language)
        self.globalcontext["html_tag"] = self.html_tag.replace(
            ">", f' lang="{language}" xml:lang="{language}">', 1)

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        nav = Path(self.outdir) / "nav.xhtml"
        # The ARIA role that matches the navigation's epub:type, for screen readers.
        nav.write_text(nav.read_text(encoding="utf-8").replace(
            '<nav epub:type="toc">', '<nav epub:type="toc" role="doc-toc">', 1), encoding="utf-8")

    def toc_metadata(self, level, navpoints) -> dict:
        # Sphinx puts epub_uid (the identifier's XML id) in toc.ncx where EPUB wants the
        # identifier itself, as in content.opf.
        return {**super().toc_metadata(level, navpoints), "uid": escape(self.config.epub_identifier)}

    def build_content(self) -> None:
        # The cover page of a previous build would be listed twice (Sphinx adds the pages
        # it finds in the folder, then writes the cover page again and adds it first).
        (Path(self.outdir) / self.coverpage_name).unlink(missing_ok=True)
        super().build_content()
        opf = Path(self.outdir) / "content.opf"
        text = opf.read_text(encoding="utf-8")
        subjects = "".join(f"\n    <dc:subject>{escape(subject)}</dc:subject>"
                           for subject in self.config.handbook_epub_subjects)
        text = text.replace("</metadata>", subjects + "\n    " + accessibility_metadata()
                            + "\n  </metadata>", 1)
        text = XHTML_ITEM.sub(self._item_with_properties, text)
        # EPUB 3 names the cover picture by a property (Sphinx writes only EPUB 2's
        # <meta name="cover">, which older readers use).
        cover = escape(self.make_id(self.config.epub_cover[0]))
        text = text.replace(f'<item id="{cover}" ', f'<item properties="cover-image" id="{cover}" ', 1)
        opf.write_text(text, encoding="utf-8")

    def _item_with_properties(self, match: re.Match) -> str:
        page = (Path(self.outdir) / unquote(match.group(2))).read_text(encoding="utf-8")
        properties = [name for name, mark in (("mathml", "<math"), ("svg", "<svg"))
                      if mark in page]
        if not properties:
            return match.group(0)
        return match.group(0).replace(" />", f' properties="{" ".join(properties)}" />')
