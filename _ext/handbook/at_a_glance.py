"""The "At a glance" box at the start of every solution chapter.

A chapter names its Project Drawdown solution and sectors in its front matter::

    ---
    drawdown_solution: High-Efficiency Heat Pumps
    sectors: [Electricity, Buildings]
    ---

and gets, after its opening paragraph::

    <solution_glance classes="hb-glance">
        <container classes="hb-panel-title"> <paragraph> At a glance
        <field_list>  Sectors · Scenario 1 · Scenario 2 · Open jobs (from the company panel)
        <container classes="hb-source"> <paragraph> Figures: Project Drawdown …

The solution must be in the data file and the sectors must agree with it; anything
else is a warning (an error under ``-W``) at the front-matter line.

The exact doctree of the snippet ``tests/snippets/at-a-glance.md`` is pinned in ``tests/snapshots/at-a-glance.txt``.
"""

from __future__ import annotations

import difflib

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from handbook.boxes import box_visitors, styled
from handbook.chemical_formulas import formula
from handbook.common.drawdown_data import Solution
from handbook.common.numbers import signed
from handbook.company_panel import company_panel
from handbook.drawdown_table import load_book_solutions
from handbook.front_matter import read_front_matter
from handbook.validation import warn

SOLUTION_KEY = "drawdown_solution"
SECTORS_KEY = "sectors"
SOURCE_NOTE = ("Figures: Project Drawdown, gigatonnes of CO\u2082-equivalent avoided or "
               "sequestered 2020\u20132050. Scenario 1 is roughly in line with 2\u00b0C of "
               "warming, Scenario 2 with 1.5\u00b0C.")


class solution_glance(nodes.General, nodes.Element):
    """The framed summary of a solution chapter."""


def co2_figure(gigatonnes: float | None) -> list[nodes.Node]:
    if gigatonnes is None:
        return [nodes.emphasis("", "not modelled by Project Drawdown")]
    return [nodes.Text(f"{signed(gigatonnes, 'g')} Gt "), formula("CO2e", "CO2e")]


def field(name: str, *body: nodes.Node) -> nodes.field:
    return nodes.field("", nodes.field_name(name, name),
                       nodes.field_body("", nodes.paragraph("", "", *body)))


def glance_box(solution: Solution, jobs_url: str | None) -> solution_glance:
    facts = nodes.field_list(classes=["hb-glance-facts"])
    facts += field("Sectors", nodes.Text(", ".join(solution.sectors)))
    facts += field("Scenario 1", *co2_figure(solution.scenario_1))
    facts += field("Scenario 2", *co2_figure(solution.scenario_2))
    if jobs_url:
        facts += field("Open jobs", nodes.reference("", "Jobs in this solution", refuri=jobs_url))
    box = solution_glance(classes=["hb-glance"], solution=solution.name)
    box += styled("hb-panel-title", nodes.paragraph("", "At a glance"))
    box += facts
    box += styled("hb-source", nodes.paragraph("", SOURCE_NOTE))
    return box


def after_opening_paragraph(section: nodes.section) -> int:
    """Where the box goes: after the title and the chapter's opening paragraph, when the
    title has one, past what carries no text: targets, index entries, and docutils' notes
    below the reporting level, which Sphinx drops later (one, after the title of
    Silvopasture, put its box above the opening paragraph)."""
    for position, child in enumerate(section.children[1:], start=1):
        if isinstance(child, nodes.paragraph):
            return position + 1
        if not isinstance(child, (nodes.target, addnodes.index, nodes.comment,
                                  nodes.system_message)):
            break
    return 1


class AddAtAGlanceBox(SphinxTransform):
    default_priority = 500

    def apply(self) -> None:
        docname = self.env.docname
        front = read_front_matter(self.env.doc2path(docname))
        if SOLUTION_KEY not in front:
            return
        csv_path = self.config.handbook_drawdown_csv
        self.env.note_dependency(csv_path)
        solution = self.checked_solution(front, load_book_solutions(self.config))
        if solution is None:
            return
        jobs = next((panel["jobs"] for panel in self.document.findall(company_panel)
                     if panel.get("jobs")), None)
        box = glance_box(solution, jobs)
        section = next(self.document.findall(nodes.section), None)
        if section is None:
            warn("a chapter with a drawdown_solution needs a '# Title'", "front-matter",
                 (docname, front[SOLUTION_KEY].line))
            return
        section.insert(after_opening_paragraph(section), box)

    def checked_solution(self, front: dict, solutions: dict[str, Solution]) -> Solution | None:
        docname = self.env.docname
        name = front[SOLUTION_KEY]
        if not isinstance(name.value, str):
            warn(f"front matter '{SOLUTION_KEY}' must be a solution name, not "
                 f"{name.value!r}", "front-matter", (docname, name.line))
            return None
        solution = solutions.get(name.value.strip())
        if solution is None:
            close = difflib.get_close_matches(name.value, solutions, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            warn(f"{name.value!r} is not a Project Drawdown solution in "
                 f"{self.config.handbook_drawdown_csv}{hint}", "unknown-solution",
                 (docname, name.line))
            return None
        sectors = front.get(SECTORS_KEY)
        if sectors is None:
            warn(f"front matter has no '{SECTORS_KEY}' (Drawdown lists "
                 f"{', '.join(solution.sectors)})", "missing-field", (docname, name.line))
        elif not (isinstance(sectors.value, list)
                  and all(isinstance(s, str) for s in sectors.value)):
            warn(f"front matter '{SECTORS_KEY}' must be a list of sector names",
                 "front-matter", (docname, sectors.line))
        elif sorted(s.strip() for s in sectors.value) != sorted(solution.sectors):
            warn(f"sectors {'; '.join(sectors.value)} disagree with Project Drawdown's "
                 f"{'; '.join(solution.sectors)} for {solution.name!r}", "sector-mismatch",
                 (docname, sectors.line))
        return solution


def setup_at_a_glance(app: Sphinx) -> None:
    app.add_node(solution_glance, **box_visitors(
        card_classes="hb-panel hb-glance-card", latex_environment="HandbookAtAGlance"))
    app.add_transform(AddAtAGlanceBox)
