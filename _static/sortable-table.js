// Sortable tables: a table with the class "hb-sortable" gets a button in each column
// heading; pressing it sorts the rows by that column (again: the other way round).
// Cells with the class "hb-number" sort as numbers; "not modelled" cells sort last.
document.addEventListener("DOMContentLoaded", () => {
  for (const table of document.querySelectorAll("table.hb-sortable")) {
    const headings = table.querySelectorAll("thead th");
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

function sortBy(table, headings, column) {
  const th = headings[column];
  const ascending = th.getAttribute("aria-sort") !== "ascending";
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
