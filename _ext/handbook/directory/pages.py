"""The company directory and the case-study index, built from every chapter.

A page asks for them with directives::

    ```{company-directory}
    ```

    ```{case-study-index} sector
    ```

Each leaves a placeholder; when the page is written, ``doctree-resolved`` fills it from the
``handbook`` domain (so it always reflects the whole book) with a definition list::

    <definition_list classes="hb-directory">
        <definition_list_item>
            <term> <target ids="company-daikin"> Daikin
            <definition>
                <paragraph> Air conditioning and heat pump systems.
                <container classes="hb-url"> <paragraph> <reference> https://www.daikin.com
                <paragraph classes="hb-appears"> In: <reference> High-Efficiency Heat Pumps <page_ref>

``page_ref`` prints ", p. 12" in the PDF (", pp. 12, 15" when the company is in a chapter's
panel and one of its case studies on another page) and nothing elsewhere.

The exact doctree of the snippet ``tests/snippets/company-directory.md`` is pinned in ``tests/snapshots/company-directory.txt``.
"""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from handbook.boxes import styled
from handbook.common.case_study_vocabulary import NOT_STATED
from handbook.directory.data import CompanyEntry, HandbookDomain, company_anchor
from handbook.incremental_builds import PagesFedByChapters
from handbook.print_links import PAGES_LISTED
from handbook.validation import warn
from handbook.visitors import skip_node

GROUPINGS = ("sector", "country", "world-region")


class company_directory(nodes.General, nodes.Element):
    """Placeholder for the company directory."""


class case_study_index(nodes.General, nodes.Element):
    """Placeholder for the case-study index; ``group_by`` is one of GROUPINGS."""


class page_ref(nodes.Inline, nodes.Element):
    """The pages of ``docname``'s ``anchors`` in the PDF, each once; empty in other builders."""


def domain_of(env: BuildEnvironment) -> HandbookDomain:
    return env.get_domain("handbook")


class CompanyDirectoryDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        domain_of(self.env).note_directory_page(self.env.docname, "companies")
        node = company_directory()
        self.set_source_info(node)
        return [node]


class CaseStudyIndexDirective(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        group_by = self.arguments[0].strip()
        if group_by not in GROUPINGS:
            warn(f"case-study-index groups by {' or '.join(GROUPINGS)}, not {group_by!r}",
                 "malformed-entry", self.get_location())
            return []
        domain_of(self.env).note_directory_page(self.env.docname, "case-studies")
        node = case_study_index(group_by=group_by)
        self.set_source_info(node)
        return [node]


class DirectoryPageFiller:
    """Fills the placeholders of one doctree about to be written (by *builder*)."""

    def __init__(self, builder: Builder, docname: str):
        self.builder, self.env, self.docname = builder, builder.env, docname

    def fill(self, doctree: nodes.document) -> None:
        domain = domain_of(self.env)
        for node in list(doctree.findall(company_directory)):
            node.replace_self(self.company_list(domain.companies()))
        for node in list(doctree.findall(case_study_index)):
            node.replace_self(self.case_study_list(domain.case_studies(), node["group_by"]))

    # -- pieces ---------------------------------------------------------------------
    def link_to(self, docname: str, anchors: list[str], text: str) -> list[nodes.Node]:
        """A link to the first of some places in a chapter, and their pages in the PDF
        (the link's own "(p. N)" of the other links on paper would say the first again)."""
        uri = self.builder.get_relative_uri(self.docname, docname) + "#" + anchors[0]
        return [nodes.reference("", text, internal=True, refuri=uri, classes=[PAGES_LISTED]),
                page_ref(docname=docname, anchors=anchors)]

    def chapter_title(self, docname: str) -> str:
        return self.env.titles[docname].astext()

    def company_list(self, entries: list[CompanyEntry]) -> nodes.Element:
        if not entries:
            return nodes.paragraph("", "No companies yet.")
        directory = nodes.definition_list(classes=["hb-directory"])
        for entry in entries:
            term = nodes.term("", "", nodes.target("", "", ids=[company_anchor(entry.name)]),
                              nodes.Text(entry.name))
            definition = nodes.definition()
            definition += nodes.paragraph("", entry.description)
            definition += styled("hb-url", nodes.paragraph(
                "", "", nodes.reference(entry.url, entry.url, refuri=entry.url)))
            appears = nodes.paragraph(classes=["hb-appears"])
            appears += nodes.Text("Appears in: ")
            for i, docname in enumerate(entry.docnames):
                if i:
                    appears += nodes.Text("; ")
                anchors = [place["anchor"] for place in entry.places
                           if place["docname"] == docname]
                appears.extend(self.link_to(docname, anchors, self.chapter_title(docname)))
            definition += appears
            directory += nodes.definition_list_item("", term, definition)
        return directory

    def case_study_list(self, studies: list[dict], group_by: str) -> nodes.Element:
        if not studies:
            return nodes.paragraph("", "No case studies yet.")
        groups: dict[str, list[dict]] = defaultdict(list)
        for study in studies:
            for name in group_names(study, group_by):
                groups[name].append(study)
        index = nodes.definition_list(classes=["hb-case-index", f"hb-by-{group_by}"])
        for name in sorted(groups, key=str.casefold):
            items = nodes.bullet_list()
            for study in sorted(groups[name], key=lambda s: (s["title"].casefold(), s["region"])):
                other = study["region"] if group_by == "sector" else study["sector"]
                para = nodes.paragraph()
                para.extend(self.link_to(study["docname"], [study["anchor"]], study["title"]))
                para += nodes.Text(f" ({other}), in {self.chapter_title(study['docname'])}")
                items += nodes.list_item("", para)
            index += nodes.definition_list_item(
                "", nodes.term("", name), nodes.definition("", items))
        if self.builder.format == "latex":
            # Long titles and chapter names in a narrow list: ragged right, not hyphenated
            # (handbook.sty), as an index is set.
            return nodes.container("", index, classes=["hb-ragged-list"])
        return index


def group_names(study: dict, group_by: str) -> list[str]:
    """The groups a case study is listed under: one sector; each of its countries (none
    for a world region); each world region it is in."""
    if group_by == "sector":
        return [study["sector"]]
    if study["region"] == NOT_STATED:  # an imported case study whose place is to be filled in
        return [NOT_STATED]
    if group_by == "country":
        return [name for name, _ in study["countries"]]
    return list(study["world_regions"])


def fill_directory_pages(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    DirectoryPageFiller(app.builder, docname).fill(doctree)


def visit_page_ref_latex(self, node: page_ref) -> None:
    labels = ",".join(self.idescape(f"{node['docname']}:{anchor}") for anchor in node["anchors"])
    self.body.append(rf"\HandbookPages{{{labels}}}")
    raise nodes.SkipNode


def directory_summary(env: BuildEnvironment) -> dict:
    """What the directory pages show of the chapters: their companies, case studies and
    solutions (not the lines they are on, which any edit above them moves)."""
    data = domain_of(env).data
    records = {key: {docname: [{field: value for field, value in record.items() if field != "line"}
                               for record in found]
                     for docname, found in data[key].items()}
               for key in ("companies", "case_studies")}
    return records | {"solutions": dict(data["solutions"])}


def report_company_conflicts(app: Sphinx, env: BuildEnvironment) -> None:
    domain_of(env).companies(report=True)


def setup_directory_pages(app: Sphinx) -> None:
    app.add_domain(HandbookDomain)
    app.add_role("company", HandbookDomain.roles["company"])
    app.add_directive("company-directory", CompanyDirectoryDirective)
    app.add_directive("case-study-index", CaseStudyIndexDirective)
    for node in (company_directory, case_study_index):
        app.add_node(node)  # always replaced before writing
    app.add_node(page_ref, latex=(visit_page_ref_latex, None), html=(skip_node, None),
                 text=(skip_node, None), man=(skip_node, None), texinfo=(skip_node, None))
    # Filled when written, after every chapter has been read: the lists cover the whole book.
    app.connect("doctree-resolved", fill_directory_pages)
    PagesFedByChapters(lambda env: domain_of(env).directory_pages(), directory_summary).connect(app)
    app.connect("env-check-consistency", report_company_conflicts)
