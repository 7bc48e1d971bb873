// Sortable tables: a table with the class "hb-sortable" gets a button in each column
// heading; pressing it sorts the rows by that column (again: the other way round).
// Cells with the class "hb-number" sort as numbers, largest first (what a reader of a
// column of emissions wants first); "not modelled" cells sort last. Each cell is labelled
// with its column's heading (data-label), which phones show when rows are stacked.
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table.hb-sortable")) {
    const headings = table.querySelectorAll("thead th");
    for (const row of table.tBodies[0].rows) {
      Array.from(row.cells).forEach((cell, column) => {
        if (headings[column]) cell.dataset.label = headings[column].textContent.trim();
      });
    }
    headings.forEach((th, column) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "hb-sort-button";
      button.textContent = th.textContent.trim();
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", () => sortBy(table, headings, column));
    });
  }
});

function sortKey(cell) {
  if (cell.classList.contains("hb-not-modelled")) return null;
  const text = cell.textContent.trim();
  return cell.classList.contains("hb-number") ? parseFloat(text) : text.toLowerCase();
}

function isNumberColumn(table, column) {
  return Array.from(table.tBodies[0].rows)
    .some((row) => row.cells[column]?.classList.contains("hb-number"));
}

function sortBy(table, headings, column) {
  const th = headings[column];
  const current = th.getAttribute("aria-sort");
  // First press: numbers largest first, text A to Z; each press after turns it round.
  const ascending = current === "none" ? !isNumberColumn(table, column) : current === "descending";
  headings.forEach((h) => h.setAttribute("aria-sort", "none"));
  th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  rows.sort((a, b) => {
    const x = sortKey(a.cells[column]);
    const y = sortKey(b.cells[column]);
    if (x === null || y === null) return (x === null) - (y === null);  // last either way
    const order = x < y ? -1 : x > y ? 1 : 0;
    return ascending ? order : -order;
  });
  rows.forEach((row) => body.appendChild(row));
}
