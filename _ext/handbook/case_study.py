"""The ``case-study`` directive: one organisation's or project's work, in one region.

Source::

    :::{case-study} Daikin Altherma
    :region: Europe
    :sector: Residential
    :link: https://www.daikin.com
    :company: Daikin
    :name: daikin-altherma

    Air-to-water heat pumps for homes.
    :::

Doctree::

    <case_study ids="case-study-daikin-altherma-europe daikin-altherma" title="Daikin Altherma" …>
        <container classes="hb-case-title">
            <paragraph> Daikin Altherma
        <container classes="hb-case-meta">
            <paragraph> <emphasis>Europe</emphasis> · Residential
        <paragraph> Air-to-water heat pumps for homes.
        <container classes="hb-url">
            <paragraph> Daikin: <reference refuri="https://www.daikin.com"> https://www.daikin.com

The node is enumerable (``{ref}`daikin-altherma``` shows its title) and always has an
id derived from its title and region, so every case study can be linked to.

The exact doctree of the snippet ``tests/snippets/case-study.md`` is pinned in ``tests/snapshots/case-study.txt``.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from handbook.boxes import box_visitors, give_unique_id, styled
from handbook.common import case_study_vocabulary as vocabulary
from handbook.common.links import web_url_problem
from handbook.front_matter import read_front_matter
from handbook.untrusted.invisible_characters import checked_name
from handbook.validation import warn

REQUIRED_OPTIONS = ("region", "sector", "link")
NAME_OPTIONS = ("region", "sector", "company")  # shown, grouped by, matched: no invisible text


class case_study(nodes.General, nodes.Element):
    """A framed case study; attributes: title, region, sector, url, company, and the
    region's countries ([(name, ISO code)]) and world regions."""


class CaseStudyDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "region": directives.unchanged_required,
        "sector": directives.unchanged_required,
        "link": directives.unchanged_required,
        "company": directives.unchanged_required,
        "name": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        title = checked_name(self.arguments[0].strip(), "case-study title",
                             self.get_location()).strip()
        for option in NAME_OPTIONS:
            if option in self.options:
                self.options[option] = checked_name(
                    self.options[option], f"case-study {title!r} :{option}:",
                    self.option_location(option))
        missing = [opt for opt in REQUIRED_OPTIONS if not self.options.get(opt, "").strip()]
        if missing:
            warn(f"case-study {title!r} is missing :{': :'.join(missing)}: "
                 f"(required: :{': :'.join(REQUIRED_OPTIONS)}:)",
                 "missing-field", self.get_location())
            return []
        if not self.content:
            warn(f"case-study {title!r} has no text: add a sentence or two on what was done",
                 "missing-field", self.get_location())
            return []
        url = self.options["link"].strip()
        problem = web_url_problem(url)
        if problem:
            warn(f"case-study {title!r} :link: {problem}", "bad-url", self.get_location())
            return []

        place = self.checked_place(title)
        region, sector = place.text, self.checked_sector(title)
        company = self.options.get("company", "").strip()
        node = case_study(classes=["hb-case-study"], title=title, region=region,
                          sector=sector, url=url, company=company,
                          countries=[(country.name, country.iso) for country in place.countries],
                          world_regions=list(place.world_regions))
        self.set_source_info(node)
        self.give_ids(node, title, region)

        node += styled("hb-case-title", nodes.paragraph(title, title))
        node += styled("hb-case-meta", nodes.paragraph(
            "", "", nodes.emphasis(region, region), nodes.Text(f" \u00b7 {sector}")))
        node += self.parse_content_to_nodes()
        link = nodes.paragraph()
        if company:
            link += nodes.Text(f"{company}: ")
        link += nodes.reference(url, url, refuri=url)
        node += styled("hb-url", link)
        return [node]

    def is_imported_chapter(self) -> bool:
        """Whether ``handbook import`` wrote this chapter (its front matter names the page
        of the old site): only there may a region or sector be "Not stated"."""
        key = "handbook_imported_chapter"
        if key not in self.env.temp_data:  # read once per document
            front = read_front_matter(self.env.doc2path(self.env.docname))
            self.env.temp_data[key] = vocabulary.IMPORTED_FROM in front
        return self.env.temp_data[key]

    def checked_place(self, title: str) -> vocabulary.Place:
        """The normalised :region:; as written (and a warning) when it is not one."""
        text = self.options["region"].strip()
        try:
            return vocabulary.place(text, not_stated_allowed=self.is_imported_chapter())
        except vocabulary.VocabularyProblem as problem:
            warn(f"case-study {title!r} :region: {problem} (a country by its ISO 3166 name, "
                 f"'City, Country', several separated by ';', or one of: "
                 f"{', '.join(vocabulary.WORLD_REGIONS)})", "vocabulary",
                 self.option_location("region"))
            return vocabulary.Place(text, (), ())

    def checked_sector(self, title: str) -> str:
        text = self.options["sector"].strip()
        try:
            return vocabulary.sector(text, not_stated_allowed=self.is_imported_chapter())
        except vocabulary.VocabularyProblem as problem:
            warn(f"case-study {title!r} :sector: {problem}", "vocabulary",
                 self.option_location("sector"))
            return text

    def option_location(self, option: str) -> str:
        """``source:line`` of the directive's ``:option:`` line, else of the directive."""
        source, line = self.get_source_info()
        for offset, text in enumerate(self.block_text.split("\n")):
            if not text.strip():
                break  # the options end at the first blank line
            if re.match(rf"\s*:?{option}:", text):  # ":region:", or "region:" in a --- block
                return f"{source}:{line + offset}"
        return self.get_location()

    def give_ids(self, node: case_study, title: str, region: str) -> None:
        """A stable anchor from title and region, plus the author's ``:name:`` label."""
        give_unique_id(self.state.document, node, f"case-study-{title}-{region}")
        if "name" in self.options:
            self.add_name(node)


def setup_case_study(app: Sphinx) -> None:
    # Enumerable, so that {ref} to a case study's label shows the case study's title.
    app.add_enumerable_node(
        case_study, "case-study", lambda node: node["title"],
        **box_visitors(card_classes="sd-shadow-sm hb-panel", latex_environment="HandbookCaseStudy"))
    app.add_directive("case-study", CaseStudyDirective)
