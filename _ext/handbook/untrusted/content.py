"""The untrusted-content policy: a chapter cannot run code, read files or inject markup.

Chapters come from contributors' pull requests. Enforced here, at read time, with a
warning (an error under ``-W``) at the offending file and line:

- no raw HTML or LaTeX: MyST HTML blocks, inline HTML and the ``raw`` directive all
  produce ``raw`` nodes, which are removed (``handbook.raw-content``);
- links accept only http, https and mailto, or a place in the book (``handbook.bad-url``);
- ``include``, ``literalinclude`` and ``csv-table :file:`` read only inside the source
  folder, ``csv-table :url:`` (a download at build time) is refused, and so is a
  picture outside the source folder (``handbook.file-outside-book``);
- pictures must be PNG, JPEG, PDF or SVG: the formats both editions can show
  (``handbook.unsupported-image``).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from myst_parser.mocking import MockIncludeDirective, MockState
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.directives.patches import CSVTable
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from handbook.common.links import LINK_SCHEMES, WEB_SCHEMES, refused_links_in, scheme_of
from handbook.common.pictures import PICTURE_SUFFIXES
from handbook.validation import warn


def outside(path: Path, folder: Path) -> bool:
    return not path.resolve().is_relative_to(folder.resolve())


class ConfinedFileMixin:
    """Refuse a file argument that resolves outside the book's source folder."""

    def file_is_inside_book(self, filename: str) -> bool:
        env = self.state.document.settings.env
        _, path = env.relfn2path(filename, env.docname)
        if outside(Path(path), Path(env.srcdir)):
            warn(f"{self.name}: {filename!r} is outside the book's source folder and is not "
                 "read", "file-outside-book", self.location())
            return False
        return True

    def location(self) -> str:
        source, line = self.state_machine.get_source_and_line(self.lineno)
        return f"{source}:{line}"


class ConfinedInclude(ConfinedFileMixin, SphinxDirective):
    """``include``, checked first. Not a subclass of docutils' Include on purpose: MyST
    would then read the file itself, before any check; instead we hand over to the
    reader of the page's own markup once the file is known to be inside the book."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    # Not :parser:, which would read the file with another parser than the chapters'
    # (one that evaluates substitutions, say).
    option_spec = {key: value for key, value in Include.option_spec.items() if key != "parser"}

    def run(self):
        if self.arguments[0].startswith("<") or not self.file_is_inside_book(self.arguments[0]):
            return []
        if isinstance(self.state, MockState):  # a MyST page
            return MockIncludeDirective(self.state._renderer, self.name, Include, self.arguments,
                                        self.options, list(self.content), self.lineno).run()
        return Include(self.name, self.arguments, self.options, self.content, self.lineno,
                       self.content_offset, self.block_text, self.state,
                       self.state_machine).run()


class ConfinedLiteralInclude(ConfinedFileMixin, LiteralInclude):
    def run(self):
        if not self.file_is_inside_book(self.arguments[0]):
            return []
        if "diff" in self.options and not self.file_is_inside_book(self.options["diff"]):
            return []
        return super().run()


class ConfinedCSVTable(ConfinedFileMixin, CSVTable):
    def run(self):
        if "url" in self.options:
            warn("csv-table: :url: would download a file while building; put the data in "
                 "the book instead", "file-outside-book", self.location())
            return []
        if "file" in self.options and not self.file_is_inside_book(self.options["file"]):
            return []
        return super().run()


class EnforceUntrustedContentPolicy(SphinxTransform):
    default_priority = 400  # before our other transforms read the doctree

    def apply(self) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            kind = raw.get("format", "raw").upper()
            warn(f"raw {kind} is not allowed in chapters and was removed: "
                 f"{raw.astext().strip()[:60]!r}", "raw-content", raw)
            raw.parent.remove(raw)
        for reference in list(self.document.findall(nodes.reference)):
            self.check_link(reference, reference.get("refuri"))
        for xref in list(self.document.findall(addnodes.pending_xref)):
            if xref.get("refdomain") in ("", None, "myst") or xref.get("reftype") == "myst":
                self.check_link(xref, xref.get("reftarget"))
        for image in list(self.document.findall(nodes.image)):
            self.check_image(image)
        for download in list(self.document.findall(addnodes.download_reference)):
            self.check_download(download)
        for toctree in self.document.findall(addnodes.toctree):
            self.check_toctree(toctree)
        for text in self.document.findall(nodes.Text):
            if isinstance(text.parent, (nodes.literal, nodes.literal_block)):
                continue
            for url in refused_links_in(text.astext()):
                warn(f"link to {url[:80]!r}: only http, https and mailto links are allowed; "
                     "it is shown as plain text", "bad-url", text.parent)

    def check_link(self, node: nodes.Element, target: str | None) -> None:
        if not target:
            return
        scheme = scheme_of(target)
        if scheme is None or scheme in LINK_SCHEMES:
            return
        warn(f"link to {target[:80]!r}: only http, https and mailto links are allowed; the "
             "link was removed and its text kept", "bad-url", node)
        node.replace_self(nodes.inline("", "", *node.children))

    def check_download(self, download: addnodes.download_reference) -> None:
        # A download is copied into the HTML edition: from outside the book, that would
        # publish any file the build user can read.
        target = download.get("reftarget", "")
        if scheme_of(target):
            return  # a web address: checked as a link
        _, path = self.env.relfn2path(target, self.env.docname)
        if outside(Path(path), Path(self.env.srcdir)):
            warn(f"download {target[:80]!r} is outside the book's source folder; the link was "
                 "removed and its text kept", "file-outside-book", download)
            download.replace_self(nodes.inline("", "", *download.children))

    def check_toctree(self, toctree: addnodes.toctree) -> None:
        # Web addresses in a toctree become links in every page's navigation.
        kept = []
        for title, ref in toctree["entries"]:
            scheme = scheme_of(ref) if ref and "://" in ref else None
            if scheme is not None and scheme not in WEB_SCHEMES:
                warn(f"toctree entry {ref[:80]!r}: only http and https links are allowed; it "
                     "was removed", "bad-url", toctree)
                continue
            kept.append((title, ref))
        toctree["entries"] = kept

    def check_image(self, image: nodes.image) -> None:
        uri = image["uri"]
        if scheme_of(uri):
            warn(f"picture {uri[:80]!r}: pictures must be files in the book, not addresses",
                 "bad-url", image)
            image.parent.remove(image)
            return
        if uri.endswith(".*"):  # Sphinx picks the format per builder
            return
        _, path = self.env.relfn2path(uri, self.env.docname)
        if outside(Path(path), Path(self.env.srcdir)):
            warn(f"picture {uri!r} is outside the book's source folder", "file-outside-book",
                 image)
            image.parent.remove(image)
        elif Path(uri).suffix.lower() not in PICTURE_SUFFIXES:
            warn(f"picture {uri!r}: {Path(uri).suffix or 'this'} pictures cannot be shown in "
                 "both editions; use PNG, JPEG or SVG", "unsupported-image", image)
            image.parent.remove(image)


def setup_untrusted_content(app: Sphinx) -> None:
    app.add_directive("include", ConfinedInclude, override=True)
    app.add_directive("literalinclude", ConfinedLiteralInclude, override=True)
    app.add_directive("csv-table", ConfinedCSVTable, override=True)
    app.add_transform(EnforceUntrustedContentPolicy)
