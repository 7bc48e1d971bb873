"""Every picture has a recorded source and licence; pictures by others are credited.

Each picture a page shows must have its entry in the ``pictures.yml`` of its folder
(``common/picture_records.py`` says what an entry holds). A picture without one, or with
a licence the book cannot pass on, is a warning at the picture's line and the picture is
removed; a problem in ``pictures.yml`` is a warning at its line there. A picture by others
gets its credit next to it in both editions (at the end of its figure caption, after it
in a line of text, or on a line below it) and is listed by the licence page::

    ```{picture-credits}
    ```

    <bullet_list classes="hb-picture-credits">
        <list_item>
            <paragraph>
                <reference refuri="…/transport.html">Electric Trains</reference>: cargo-bike.png.
                Picture: Jane Doe, Wikimedia Commons, CC BY-SA 4.0. <reference refuri="https://…">…

Pictures drawn at build time into ``book/_generated/`` (the Drawdown chart) are ours.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from handbook.common.book_layout import GENERATED
from handbook.common.file_version import file_version
from handbook.common.links import scheme_of
from handbook.common.picture_records import RECORDS_FILE, PictureRecord, read_records
from handbook.validation import warn

SUBTYPE = "picture-licence"


@lru_cache(maxsize=256)
def _records(path: Path, _version: tuple[int, int]):
    return read_records(path)


def records_of(path: Path):
    version = file_version(path)
    return _records(path, version) if version else ({}, [])


class picture_credits(nodes.General, nodes.Element):
    """Placeholder for the list of pictures by others; filled when pages are written."""


class PictureCreditsDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        node = picture_credits()
        self.set_source_info(node)
        return [node]


class CheckPictureRecords(SphinxTransform):
    default_priority = 410  # after the untrusted-input policy removed what it refuses

    def apply(self) -> None:
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if not uri or scheme_of(uri):
                continue
            relative, absolute = self.env.relfn2path(uri, self.env.docname)
            if Path(relative).parts[:1] == (GENERATED,):
                continue  # drawn by the build from our data: ours
            if not uri.endswith(".*") and not Path(absolute).is_file():
                continue  # Sphinx says the file is missing
            record = self.record_for(Path(absolute))
            if record is None:
                folder = Path(relative).parent / RECORDS_FILE
                warn(f"picture {uri!r} has no recorded source and licence: add an entry for "
                     f"{Path(absolute).name!r} to {folder} (source, licence, and url unless "
                     "it is ours)", SUBTYPE, image)
                self.remove(image)
            elif not record.ours:
                self.credit(image, record)

    def record_for(self, picture: Path) -> PictureRecord | None:
        path = picture.parent / RECORDS_FILE
        self.env.note_dependency(str(path))
        records, problems = records_of(path)
        reported = self.env.__dict__.setdefault("handbook_picture_problems", set())
        for problem in problems:
            place = f"{path}:{problem.line}"
            if place not in reported:  # once per build, not once per page using the folder
                reported.add(place)
                warn(problem.message, SUBTYPE, place)
        if picture.suffix == ".*":  # Sphinx picks the format: any recorded one will do
            return next((r for name, r in records.items()
                         if Path(name).stem == picture.stem), None)
        return records.get(picture.name)

    def credit(self, image: nodes.image, record: PictureRecord) -> None:
        """The credit goes where a reader sees it with the picture: at the end of a figure's
        caption, after a picture in a line of text, or in a line below any other picture."""
        credit = [nodes.inline("", record.credit() + " ", classes=["hb-picture-credit"]),
                  nodes.reference("", "Source", refuri=record.url, internal=False),
                  nodes.Text(".")]
        holder = image.parent if isinstance(image.parent, nodes.reference) else image
        parent = holder.parent
        if isinstance(parent, nodes.figure):
            captions = [child for child in parent.children if isinstance(child, nodes.caption)]
            if captions:
                captions[0] += [nodes.Text(" "), *credit]
            else:
                parent.insert(parent.index(holder) + 1, nodes.caption("", "", *credit))
                if not parent["ids"]:  # numbered figures need an id (AutoNumbering ran before)
                    self.document.set_id(parent)
        elif isinstance(parent, nodes.TextElement):
            at = parent.index(holder) + 1
            parent[at:at] = [nodes.Text(" ("), *credit[:-1], nodes.Text(")")]
        else:
            line = nodes.paragraph("", "", *credit, classes=["hb-picture-credit-line"])
            parent.insert(parent.index(holder) + 1, line)
        credits = self.env.__dict__.setdefault("handbook_picture_credits", {})
        credits.setdefault(self.env.docname, []).append(
            (record.file, record.credit(), record.url))

    @staticmethod
    def remove(image: nodes.image) -> None:
        parent = image.parent
        if isinstance(parent, nodes.reference) and len(parent.children) == 1:
            image, parent = parent, parent.parent
        parent.remove(image)


def fill_credit_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(picture_credits))
    if not placeholders:
        return
    credits = getattr(app.env, "handbook_picture_credits", {})
    items = nodes.bullet_list(classes=["hb-picture-credits"])
    for page in sorted(credits):
        title = app.env.titles[page].astext() if page in app.env.titles else page
        for file, credit, url in credits[page]:
            paragraph = nodes.paragraph()
            paragraph += nodes.reference("", title, internal=True,
                                         refuri=app.builder.get_relative_uri(docname, page))
            paragraph += nodes.Text(f": {file}. {credit} ")
            paragraph += nodes.reference("", url, refuri=url)
            items += nodes.list_item("", paragraph)
    replacement = [items] if items.children else [
        nodes.paragraph("", "Every picture in this edition was drawn for the book.")]
    for node in placeholders:
        node.replace_self([child.deepcopy() for child in replacement])


def purge_credits(app: Sphinx, env, docname: str) -> None:
    getattr(env, "handbook_picture_credits", {}).pop(docname, None)


def merge_credits(app: Sphinx, env, docnames, other) -> None:
    ours = env.__dict__.setdefault("handbook_picture_credits", {})
    for docname, entries in getattr(other, "handbook_picture_credits", {}).items():
        if docname in docnames:
            ours[docname] = entries


def forget_reported_problems(app: Sphinx, env, added, changed, removed) -> list[str]:
    env.__dict__["handbook_picture_problems"] = set()  # report them again in this build
    return []


def setup_picture_credits(app: Sphinx) -> None:
    app.add_node(picture_credits)  # always replaced before writing
    app.add_directive("picture-credits", PictureCreditsDirective)
    app.add_transform(CheckPictureRecords)
    app.connect("doctree-resolved", fill_credit_lists)
    app.connect("env-purge-doc", purge_credits)
    app.connect("env-merge-info", merge_credits)
    app.connect("env-get-outdated", forget_reported_problems)
