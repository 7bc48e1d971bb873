"""The case-study index's world map: how many case studies each country has::

    ```{case-study-map}
    ```

Drawn when the page is written, from every chapter's case studies (the ``handbook``
domain), with ``common/world_map.py``: inline SVG in HTML (each country names its count
when pointed at), a PDF made from the same SVG with rsvg-convert in print. The outlines
come from ``handbook_world_atlas``, a file of the npm package world-atlas that the
Makefile installs; without it the page says so in a warning and shows no map.

The doctree of ``tests/snippets/case-study-map.md`` is pinned in ``tests/snapshots/``.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from handbook.common.world_map import WorldMapError, load_countries, world_map_svg
from handbook.directory.pages import domain_of
from handbook.validation import warn

TITLE = "Case studies by country"
CAPTION = ("Case studies by country: a case study in several countries counts in each; one "
           "that names only a world region (\u201cEurope\u201d, \u201cGlobal\u201d) is not on the map.")
FILE_NAME = "case-study-map"


class case_study_map(nodes.General, nodes.Element):
    """Placeholder for the map, filled when the page is written."""


class CaseStudyMapDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        domain_of(self.env).note_directory_page(self.env.docname, "case-studies")
        atlas = self.config.handbook_world_atlas
        if not atlas or not Path(atlas).is_file():
            warn(f"case-study-map: the country outlines are missing ({atlas or 'handbook_world_atlas is not set'}); "
                 "`make setup` installs them", "world-map", self.get_location())
            return []
        self.env.note_dependency(atlas)
        node = case_study_map()
        self.set_source_info(node)
        return [node]


def country_counts(env) -> Counter:
    counts: Counter = Counter()
    for study in domain_of(env).case_studies():
        counts.update({code for _name, code in study["countries"] if code})
    return counts


def map_nodes(app: Sphinx, node: case_study_map) -> list[nodes.Node]:
    try:
        countries = load_countries(Path(app.config.handbook_world_atlas))
    except WorldMapError as error:
        warn(str(error), "world-map", node)
        return []
    svg = world_map_svg(countries, country_counts(app.env), TITLE)
    caption = nodes.paragraph("", CAPTION, classes=["hb-map-caption"])
    if app.builder.format == "html":
        return [nodes.raw("", f'<div class="hb-map">{svg}</div>', format="html"), caption]
    if app.builder.format == "latex":
        outdir = Path(app.outdir)
        (outdir / f"{FILE_NAME}.svg").write_text(svg, encoding="utf-8")
        subprocess.run(["rsvg-convert", "-f", "pdf", "-o", str(outdir / f"{FILE_NAME}.pdf"),
                        str(outdir / f"{FILE_NAME}.svg")], check=True)
        picture = (r"\begin{center}\includegraphics[width=\linewidth]{" + FILE_NAME
                   + r".pdf}\end{center}")
        return [nodes.raw("", picture, format="latex"), caption]
    return [caption]


def fill_case_study_maps(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(case_study_map)):
        node.replace_self(map_nodes(app, node))


def setup_case_study_map(app: Sphinx) -> None:
    app.add_config_value("handbook_world_atlas", "", "env", types=[str])
    app.add_directive("case-study-map", CaseStudyMapDirective)
    app.add_node(case_study_map)  # always replaced before writing
    app.connect("doctree-resolved", fill_case_study_maps)
