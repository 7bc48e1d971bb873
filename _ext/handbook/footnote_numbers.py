"""Footnotes numbered from 1 in each chapter of the PDF editions, in the order a reader
meets their marks, as printed books number them.

Sphinx numbers the footnotes it adds for link addresses (``latex_show_urls``) through the
whole assembled book and renumbers every automatic footnote with them, in the order the
footnotes sit in the tree: chapter 40's sources were footnotes 1,300 and up, and a Learn
More address (its footnote next to the link) came before the sources cited above it (their
footnotes at the chapter's end). The LaTeX writer keeps footnotes apart by document
(``\\sphinxstepscope``), so a number need only be unique within its chapter.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


class FootnotesByChapter(SphinxPostTransform):
    builders = ("latex",)
    default_priority = 405  # after Sphinx has added the addresses' footnotes (400)

    def run(self, **kwargs) -> None:
        footnotes = {(note.get("docname", ""), note["ids"][0]): note
                     for note in self.document.findall(nodes.footnote) if note["ids"]}
        taken: dict[str, set[str]] = {}  # numbers an author gave by hand, per chapter
        for (docname, _), note in footnotes.items():
            if not note.get("auto"):
                taken.setdefault(docname, set()).update(note["names"])
        last: dict[str, int] = {}
        numbered: dict[tuple[str, str], str] = {}

        def number(key: tuple[str, str]) -> None:
            docname = key[0]
            while True:
                last[docname] = last.get(docname, 0) + 1
                if str(last[docname]) not in taken.get(docname, ()):
                    break
            numbered[key] = str(last[docname])

        references = list(self.document.findall(nodes.footnote_reference))
        for reference in references:  # in reading order: the first mark decides
            key = (reference.get("docname", ""), reference.get("refid", ""))
            if key in footnotes and footnotes[key].get("auto") and key not in numbered:
                number(key)
        for key, note in footnotes.items():  # a footnote no mark points to comes last
            if note.get("auto") and key not in numbered:
                number(key)

        for key, text in numbered.items():
            note = footnotes[key]
            old = note[0].astext()
            note[0].replace_self(nodes.label("", text))
            note["names"] = [name for name in note["names"] if name != old] + [text]
        for reference in references:
            text = numbered.get((reference.get("docname", ""), reference.get("refid", "")))
            if text is not None:
                reference[:] = [nodes.Text(text)]


def setup_footnote_numbers(app: Sphinx) -> None:
    app.add_post_transform(FootnotesByChapter)
