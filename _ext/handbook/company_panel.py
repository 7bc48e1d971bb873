"""The ``company-panel`` directive: example companies working on a solution.

Source::

    :::{company-panel}
    :jobs: https://climatebase.org/jobs?drawdown_solutions=High-Efficiency+Heat+Pumps
    - name: Daikin
      url: https://www.daikin.com
      description: Air conditioning and heat pump systems.
    :::

Doctree::

    <company_panel classes="hb-company-panel">
        <container classes="hb-panel-title">
            <paragraph> Example companies
        <bullet_list classes="hb-company-list">
            <list_item classes="hb-company">
                <paragraph>
                    <strong><reference refuri="https://www.daikin.com"> Daikin
                    " — " Air conditioning and heat pump systems.
                <container classes="hb-url">
                    <paragraph><reference refuri="https://www.daikin.com"> https://www.daikin.com
        <container classes="hb-jobs">
            <paragraph><reference refuri="https://climatebase.org/jobs?…"> View open jobs in this solution

The exact doctree of the snippet ``tests/snippets/company-panel.md`` is pinned in ``tests/snapshots/company-panel.txt``.
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes
from docutils.parsers.rst import directives
from myst_parser.mocking import MockState
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from handbook.boxes import box_visitors, give_unique_id, styled
from handbook.common.company_entries import read_company_entries
from handbook.common.links import web_url_problem
from handbook.untrusted.invisible_characters import checked_name
from handbook.validation import warn

DEFAULT_TITLE = "Example companies"
JOBS_LINK_TEXT = "View open jobs in this solution"


class company_panel(nodes.General, nodes.Element):
    """A framed list of example companies; ``jobs`` holds the jobs-board URL, if any."""


@dataclass(frozen=True)
class Company:
    name: str
    url: str
    description: str
    line: int  # 1-based line in the chapter's source file


def url_paragraph(url: str) -> nodes.container:
    """The address itself, as a link: readers of the printed book need to see it."""
    return styled("hb-url", nodes.paragraph("", "", nodes.reference(url, url, refuri=url)))


def first_content_line(directive: SphinxDirective) -> int:
    """The 1-based source line of the directive's first content line.

    MyST counts ``content_offset`` from the directive's opening line; docutils (rST)
    counts it from the start of the document.
    """
    if isinstance(directive.state, MockState):
        return directive.lineno + 1 + directive.content_offset
    return directive.content_offset + 1


class CompanyPanelDirective(SphinxDirective):
    has_content = True
    option_spec = {
        "jobs": directives.unchanged_required,
        "title": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        panel = company_panel(classes=["hb-company-panel"])
        self.set_source_info(panel)
        give_unique_id(self.state.document, panel, "example-companies")
        jobs = self.jobs_url()
        if not "\n".join(self.content).strip():
            warn("company-panel lists no companies: add at least one entry with "
                 "name, url and description", "empty-panel", self.get_location())
            return []
        companies = self.parse_companies()
        if not companies:
            return []  # every entry was invalid, and each one has had its warning

        title = self.options.get("title", DEFAULT_TITLE)
        panel += styled("hb-panel-title", nodes.paragraph(title, title))
        entries = nodes.bullet_list(classes=["hb-company-list"])
        for company in companies:
            entries += self.company_item(company)
        panel += entries
        if jobs:
            panel["jobs"] = jobs
            panel += styled("hb-jobs", nodes.paragraph(
                "", "", nodes.reference(JOBS_LINK_TEXT, JOBS_LINK_TEXT, refuri=jobs)))
        return [panel]

    def jobs_url(self) -> str | None:
        url = self.options.get("jobs")
        if url is None:
            return None
        problem = web_url_problem(url)
        if problem:
            warn(f"company-panel :jobs: {problem}", "bad-url", self.get_location())
            return None
        return url

    def company_item(self, company: Company) -> nodes.list_item:
        # The fields stay on the item, for the company directory to gather.
        description, messages = self.parse_inline(company.description, lineno=company.line)
        item = nodes.list_item(classes=["hb-company"], company=company.name, url=company.url,
                               description="".join(node.astext() for node in description))
        name_link = nodes.reference(company.name, company.name, refuri=company.url)
        item += nodes.paragraph("", "", nodes.strong("", "", name_link),
                                nodes.Text(" \u2014 "), *description)
        item += url_paragraph(company.url)
        item.extend(messages)
        item.source, item.line = self.state.document["source"], company.line
        return item

    def parse_companies(self) -> list[Company]:
        """Every valid company entry; each invalid one is a warning with its line."""
        first_line = first_content_line(self)
        entries, problems = read_company_entries("\n".join(self.content))
        for problem in problems:
            self.warn_entry(f"company-panel: {problem.message}", first_line + problem.line,
                            problem.subtype)
        companies = []
        for entry in entries:
            name = checked_name(entry.name, "company-panel: company name",
                                (self.env.docname, first_line + entry.name_line)).strip()
            if name:  # else nothing but invisible characters, reported just above
                companies.append(Company(name, entry.url, entry.description,
                                         first_line + entry.line))
        return companies

    def warn_entry(self, message: str, line: int, subtype: str = "malformed-entry") -> None:
        warn(message, subtype, (self.env.docname, line))


def setup_company_panel(app: Sphinx) -> None:
    app.add_node(company_panel, **box_visitors(
        card_classes="sd-shadow-sm hb-panel", latex_environment="HandbookCompanyPanel"))
    app.add_directive("company-panel", CompanyPanelDirective)
