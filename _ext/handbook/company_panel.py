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
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from docutils import nodes
from docutils.parsers.rst import directives
from myst_parser.mocking import MockState
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import yaml_source
from .boxes import box_visitors, give_unique_id, styled
from .invisible_characters import checked_name
from .validation import warn, web_url_problem

COMPANY_FIELDS = ("name", "url", "description")
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
        try:
            root = yaml_source.parse("\n".join(self.content))
        except yaml_source.YamlProblem as problem:
            self.warn_entry(f"company-panel: {problem}", first_line + problem.line)
            return []
        if root is None:
            return []
        if not isinstance(root, yaml.SequenceNode):
            self.warn_entry("company-panel: the content must be a list of companies, "
                            "each '- name: …' with 'url:' and 'description:'", first_line)
            return []

        companies = []
        for entry in root.value:
            line = first_line + entry.start_mark.line
            company = self.parse_entry(entry, line)
            if company:
                companies.append(company)
        return companies

    def parse_entry(self, entry: yaml.Node, line: int) -> Company | None:
        if not isinstance(entry, yaml.MappingNode):
            self.warn_entry("company-panel: malformed entry: expected 'name:', 'url:' "
                            f"and 'description:', got {yaml_source.to_python(entry)!r}", line)
            return None
        fields = yaml_source.mapping_items(entry)
        label = repr(fields["name"].value) if "name" in fields else "an entry"
        unknown = sorted(set(fields) - set(COMPANY_FIELDS))
        if unknown:
            self.warn_entry(f"company-panel: {label} has unknown field(s) {', '.join(unknown)}; "
                            f"allowed: {', '.join(COMPANY_FIELDS)}", line)
        values = {}
        for field in COMPANY_FIELDS:
            located = fields.get(field)
            if located is None or located.value in (None, ""):
                self.warn_entry(f"company-panel: {label} is missing its '{field}'", line,
                                subtype="missing-field")
                return None
            if not isinstance(located.value, str) or "\n" in located.value.strip():
                self.warn_entry(f"company-panel: {label} '{field}' must be one line of text",
                                line + (located.line - entry.start_mark.line))
                return None
            values[field] = located.value.strip()
        name_line = line + (fields["name"].line - entry.start_mark.line)
        values["name"] = checked_name(values["name"], "company-panel: company name",
                                      (self.env.docname, name_line)).strip()
        if not values["name"]:
            return None  # nothing but invisible characters, reported just above
        problem = web_url_problem(values["url"])
        if problem:
            self.warn_entry(f"company-panel: {label}: {problem}",
                            line + (fields["url"].line - entry.start_mark.line), subtype="bad-url")
            return None
        return Company(values["name"], values["url"], values["description"], line)

    def warn_entry(self, message: str, line: int, subtype: str = "malformed-entry") -> None:
        warn(message, subtype, (self.env.docname, line))


def setup_company_panel(app: Sphinx) -> None:
    app.add_node(company_panel, **box_visitors(
        card_classes="sd-shadow-sm hb-panel", latex_environment="HandbookCompanyPanel"))
    app.add_directive("company-panel", CompanyPanelDirective)
