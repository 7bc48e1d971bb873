""""Solutions at a glance": Project Drawdown's table of solutions and a chart by sector.

Both read the data file, the one source of the Drawdown figures::

    ```{drawdown-solutions-table}
    ```

    ```{drawdown-solutions-table}
    :sector: Electricity
    ```

With ``:sector:``, only the solutions whose home sector it is (the part of the book that
holds their chapters: see ``Solution.home_sector``), for a part's intro page.

    ```{drawdown-chart}
    ```

The table is filled when the page is written, so each solution links to the book's
chapter on it (found through the chapters' front matter), whichever chapters exist.
The chart is drawn with matplotlib when the page is read, as SVG for HTML and PDF for
LaTeX (vector graphics in both), into ``book/_generated/`` (not under version control).

The exact doctrees are pinned in ``tests/snapshots/drawdown-solutions-table.txt`` and ``tests/snapshots/drawdown-chart.txt`` (snippets in ``tests/snippets/``).
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from handbook.common.book_layout import GENERATED
from handbook.common.drawdown_data import Solution
from handbook.common.numbers import signed
from handbook.drawdown_table import load_book_solutions
from handbook.table_numbers import spec_node
from handbook.validation import warn

CHART_NAME = "drawdown-by-sector"
NOT_MODELLED = "not modelled"


class drawdown_table(nodes.General, nodes.Element):
    """Placeholder for the table of all solutions: an enumerable node with the table's
    caption and id, so that Sphinx numbers it ("Table 3") before it is filled."""


def table_caption(sector: str) -> str:
    scope = f"the solutions of the {sector} part" if sector else "every solution"
    return (f"Project Drawdown\u2019s figures for {scope}: greenhouse gases avoided or removed "
            "2020\u20132050 in gigatonnes of CO2e, in Scenario 1 (about 2 \u00b0C of "
            "warming) and Scenario 2 (1.5 \u00b0C).")


class DrawdownTableDirective(SphinxDirective):
    option_spec = {"sector": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(self.config.handbook_drawdown_csv)
        sector = self.options.get("sector", "").strip()
        node = drawdown_table(sector=sector, caption=table_caption(sector),
                              ids=[nodes.make_id(f"tbl-drawdown-{sector or 'solutions'}")])
        self.set_source_info(node)
        if node["sector"]:
            homes = {solution.home_sector for solution in load_book_solutions(self.config).values()}
            if node["sector"] not in homes:
                warn(f"drawdown-solutions-table: no solution has {node['sector']!r} as its home "
                     f"sector; the home sectors are: {', '.join(sorted(homes))}", "drawdown", node)
                return []
        return [node]


def chapters_by_solution(env) -> dict[str, str]:
    """Solution name -> docname of its chapter, from the At a glance boxes."""
    return dict(sorted((name, docname) for docname, name in
                       env.get_domain("handbook").data.get("solutions", {}).items()))


def figure_cell(value: float | None) -> nodes.entry:
    text = NOT_MODELLED if value is None else signed(value, ".2f")
    # Sort keys for the HTML table: not modelled sorts below every figure.
    return nodes.entry("", nodes.paragraph("", text),
                       classes=["hb-number"] if value is not None else ["hb-not-modelled"])


WIDTHS = (40, 30, 15, 15)


def solutions_table(builder, docname: str, solutions: dict[str, Solution],
                    caption: str = "", ids: list[str] | None = None) -> nodes.table:
    chapters = chapters_by_solution(builder.env)
    table = nodes.table(classes=["hb-sortable", "hb-drawdown-table", "longtable"],
                        ids=ids or [])
    if caption:
        table += nodes.title("", caption)
    group = nodes.tgroup(cols=4)
    table += group
    for width in WIDTHS:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph("", label)) for label in
                            ("Solution", "Sectors", "Scenario 1 (Gt CO2e)",
                             "Scenario 2 (Gt CO2e)")))
    group += head
    body = nodes.tbody()
    for solution in solutions.values():
        name = nodes.paragraph()
        if solution.name in chapters:
            uri = builder.get_relative_uri(docname, chapters[solution.name])
            name += nodes.reference("", solution.name, internal=True, refuri=uri)
        else:
            name += nodes.Text(solution.name)
        body += nodes.row("", nodes.entry("", name),
                          nodes.entry("", nodes.paragraph("", ", ".join(solution.sectors))),
                          figure_cell(solution.scenario_1), figure_cell(solution.scenario_2))
    group += body
    return table


def fill_solution_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(drawdown_table))
    if not placeholders:
        return
    solutions = load_book_solutions(app.config)
    for node in placeholders:
        shown = {name: solution for name, solution in solutions.items()
                 if not node["sector"] or solution.home_sector == node["sector"]}
        table = solutions_table(app.builder, docname, shown, node["caption"], node["ids"])
        # In print: the widths above, the two columns of figures flush right.
        node.parent.insert(node.parent.index(node), spec_node(list(WIDTHS), [False, False, True, True]))
        node.replace_self(table)


# -- the chart -----------------------------------------------------------------------
def sector_totals(solutions: dict[str, Solution]) -> dict[str, tuple[float, float]]:
    """Scenario 1 and 2 totals of the modelled solutions listed under each sector."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for solution in solutions.values():
        for sector in solution.sectors:
            totals[sector][0] += solution.scenario_1 or 0.0
            totals[sector][1] += solution.scenario_2 or 0.0
    return {sector: (s1, s2) for sector, (s1, s2) in
            sorted(totals.items(), key=lambda item: item[1][1])}


def draw_chart(solutions: dict[str, Solution], folder: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # Same bytes for the same data: no dates, fixed SVG ids.
    matplotlib.rcParams.update({"svg.hashsalt": "handbook", "font.family": "DejaVu Sans",
                                "pdf.fonttype": 42,
                                "svg.fonttype": "none"})
    totals = sector_totals(solutions)
    sectors = list(totals)
    positions = range(len(sectors))
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    ax.barh([p + 0.2 for p in positions], [totals[s][0] for s in sectors], height=0.4,
            color="#7fb8ad", label="Scenario 1")
    ax.barh([p - 0.2 for p in positions], [totals[s][1] for s in sectors], height=0.4,
            color="#0d544a", label="Scenario 2")
    ax.set_yticks(list(positions), sectors)
    ax.set_xlabel("Gigatonnes of CO\u2082-equivalent avoided or sequestered, 2020\u20132050")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, loc="lower right")
    fig.tight_layout()
    folder.mkdir(parents=True, exist_ok=True)
    # Written aside, then moved in: two editions built at once may read the chart meanwhile.
    for suffix, metadata in (("svg", {"Date": None}), ("pdf", {"CreationDate": None, "ModDate": None})):
        partial = folder / f".{CHART_NAME}.{os.getpid()}.{suffix}"
        fig.savefig(partial, format=suffix, metadata=metadata)
        os.replace(partial, folder / f"{CHART_NAME}.{suffix}")
    plt.close(fig)


class DrawdownChartDirective(SphinxDirective):
    """A figure: the chart (SVG or PDF, as the builder prefers) and its caption."""

    def run(self) -> list[nodes.Node]:
        csv_path = Path(self.config.handbook_drawdown_csv)
        self.env.note_dependency(str(csv_path))
        folder = Path(self.env.srcdir) / GENERATED
        chart = folder / f"{CHART_NAME}.svg"
        if not chart.exists() or chart.stat().st_mtime < csv_path.stat().st_mtime:
            draw_chart(load_book_solutions(self.config), folder)
        # "name.*" lets Sphinx choose the SVG for HTML and the PDF for LaTeX.
        uri = "/" + f"{GENERATED}/{CHART_NAME}.*"
        image = nodes.image(uri=uri, alt="Bar chart of Project Drawdown's Scenario 1 and "
                            "Scenario 2 totals for each sector.", width="100%")
        caption = nodes.caption("", "Project Drawdown's figures added up by sector. A "
                                "solution listed under two sectors counts in both, so the "
                                "bars overlap and do not add up to the book's total; "
                                "solutions Drawdown did not model are left out of the sums.")
        figure = nodes.figure("", image, caption, ids=["fig-drawdown-by-sector"])
        self.set_source_info(figure)
        return [figure]


def setup_solutions_overview(app: Sphinx) -> None:
    app.add_directive("drawdown-solutions-table", DrawdownTableDirective)
    app.add_directive("drawdown-chart", DrawdownChartDirective)
    # Always replaced before writing; numbered as a table.
    app.add_enumerable_node(drawdown_table, "table", lambda node: node["caption"])
    app.connect("doctree-resolved", fill_solution_tables)
