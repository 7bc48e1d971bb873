"""Numbers in tables, as a typeset book prints them.

- A true minus sign (U+2212) for a negative figure in any table cell, in every edition
  (a transform, so the HTML and the PDF read the same).
- In the PDF, a column whose every body cell is a figure is set flush right, so that units,
  tens and decimals line up; its heading too. A table whose author chose the columns
  (``{tabularcolumns}``) is left as it is.
- In the PDF, a column given by ``:widths:`` is widened to hold its longest word, in its
  body or its heading: LaTeX would otherwise hyphenate it ("Conven-tional"), which a reader
  should never see in a one-word cell. The other columns give up the room, in proportion.

Why a rule for every table rather than a directive option: authors write Markdown pipe
tables, where a column cannot carry an alignment that reaches LaTeX, and the rule is one
a typesetter applies without asking. Right- rather than decimal-aligned: the book's
columns of figures mostly share their number of decimals, and a flush-right column needs
no change to a cell's text (``siunitx``'s S columns would).

The LaTeX column types ``\\HandbookNumbers`` prefixes are defined in ``handbook.sty``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from handbook.common.numbers import is_number, with_minus_signs

# The PDF's tables: \footnotesize Noto Serif across a 426 pt text block, 12 pt of padding
# per column. About 4.6 pt a character, counted generously for capitals.
TEXT_WIDTH_PT = 426.0
CHARACTER_PT = 4.6
PADDING_PT = 12.0


class TableMinusSigns(SphinxTransform):
    default_priority = 700

    def apply(self, **kwargs) -> None:
        for table in self.document.findall(nodes.table):
            for text in list(table.findall(nodes.Text)):
                if isinstance(text.parent, (nodes.literal, nodes.literal_block, nodes.math)):
                    continue
                fixed = with_minus_signs(str(text))
                if fixed != str(text):
                    text.parent.replace(text, nodes.Text(fixed))


def column_spec(widths: list[int], numeric: list[bool]) -> str:
    """A LaTeX column spec: each column its share of the line, figures flush right."""
    total = sum(widths)
    return "".join((r">{\HandbookNumbers}" if number else "") + rf"\X{{{width}}}{{{total}}}"
                   for width, number in zip(widths, numeric))


def spec_node(widths: list[int], numeric: list[bool]) -> addnodes.tabular_col_spec:
    return addnodes.tabular_col_spec(spec=column_spec(widths, numeric))


def cell_columns(group: nodes.tgroup, part: type[nodes.Element] = nodes.tbody) -> list[list[str]]:
    """The text of each column's cells in the table's body (or, with *part*, its heading);
    a table with merged cells gives none."""
    columns: list[list[str]] = [[] for _ in range(group["cols"])]
    for body in group.findall(part):
        for row in body.children:
            entries = [entry for entry in row.children if isinstance(entry, nodes.entry)]
            if len(entries) != len(columns) or any(entry.get("morecols") or entry.get("morerows")
                                                   for entry in entries):
                return []
            for column, entry in zip(columns, entries):
                column.append(entry.astext())
    return columns


def widths_to_fit_words(widths: list[int], columns: list[list[str]]) -> list[int]:
    """*widths* (percent), each at least wide enough for its column's longest word."""
    total = sum(widths)
    needed = [max([len(word) for cell in column for word in cell.split()] or [0])
              * CHARACTER_PT + PADDING_PT for column in columns]
    minimum = [round(100 * pt / TEXT_WIDTH_PT + 0.5) for pt in needed]
    shares = [100 * width / total for width in widths]
    short = [max(0, need - share) for need, share in zip(minimum, shares)]
    if not any(short) or sum(minimum) > 100:
        return widths
    spare = [max(0, share - need) for need, share in zip(minimum, shares)]
    taken = sum(short)
    return [round(share + lack - (taken * extra / sum(spare) if sum(spare) else 0))
            for share, lack, extra in zip(shares, short, spare)]


class TableColumnsForPrint(SphinxPostTransform):
    builders = ("latex",)
    default_priority = 400

    def run(self) -> None:
        for table in list(self.document.findall(nodes.table)):
            previous = table.previous_sibling()
            if isinstance(previous, addnodes.tabular_col_spec):
                continue  # the author's choice
            group = next(iter(table.findall(nodes.tgroup)), None)
            columns = cell_columns(group) if group is not None else []
            if not columns or not all(columns):
                continue
            numeric = [all(is_number(cell) for cell in column if cell.strip())
                       and any(cell.strip() for cell in column) for column in columns]
            given = "colwidths-given" in table["classes"]
            widths = [spec["colwidth"] for spec in group.findall(nodes.colspec)]
            if given:
                # The heading's words too: "Sequestra-tion?" in a narrow heading cell.
                headings = cell_columns(group, nodes.thead) or [[] for _ in columns]
                fitted = widths_to_fit_words(widths, [body + heading for body, heading
                                                      in zip(columns, headings)])
                if fitted != widths or any(numeric):
                    table.parent.insert(table.parent.index(table), spec_node(fitted, numeric))
            elif any(numeric):
                # Tabulary sizes the columns itself: keep its T, and R for figures.
                spec = "".join(r">{\HandbookNumbers}R" if number else "T" for number in numeric)
                table.parent.insert(table.parent.index(table), addnodes.tabular_col_spec(spec=spec))


def setup_table_numbers(app: Sphinx) -> None:
    app.add_transform(TableMinusSigns)
    app.add_post_transform(TableColumnsForPrint)
