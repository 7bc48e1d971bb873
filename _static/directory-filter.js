// The company directory and the case-study index, narrowed as a reader types or picks.
// Without the script both pages are complete lists; the controls are added by it, so a
// reader never sees a control that does nothing.
//
// Directory (dl.hb-directory): an A–Z bar of links to the first company of each letter,
// and a box that keeps the companies whose name, description or chapters hold the text.
// Case-study index (dl.hb-case-index, one list per grouping): a world region and a sector
// to pick; a case study stays where it is listed under both the picked sector and region.

function companyFilter(directory) {
  const entries = Array.from(directory.querySelectorAll(":scope > dt")).map((term) => ({
    term, definition: term.nextElementSibling,
    text: (term.textContent + " " + term.nextElementSibling.textContent).toLowerCase(),
  }));
  const letters = document.createElement("nav");
  letters.className = "hb-letters";
  letters.setAttribute("aria-label", "Companies by first letter");
  const first = new Map();
  for (const { term } of entries) {
    const initial = term.textContent.trim().charAt(0).toUpperCase();
    const letter = /[A-Z]/.test(initial) ? initial : "#";
    if (!first.has(letter)) first.set(letter, term);
  }
  for (const letter of ["#", ..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"]) {
    const term = first.get(letter);
    if (!term && letter === "#") continue;
    const item = document.createElement(term ? "a" : "span");
    item.textContent = letter;
    if (term) item.href = "#" + (term.querySelector("[id]")?.id || term.id);
    else item.setAttribute("aria-disabled", "true");
    letters.append(item);
  }
  const box = searchBox("Filter companies by name, description or chapter", "hb-company-filter");
  const count = document.createElement("p");
  count.className = "hb-filter-count";
  count.setAttribute("aria-live", "polite");
  box.input.addEventListener("input", () => {
    const wanted = box.input.value.trim().toLowerCase();
    let shown = 0;
    for (const { term, definition, text } of entries) {
      const keep = !wanted || text.includes(wanted);
      term.hidden = definition.hidden = !keep;
      shown += keep;
    }
    count.textContent = wanted ? `${shown} of ${entries.length} companies` : "";
  });
  directory.before(letters, box.label, count);
}

function searchBox(labelText, className) {
  const label = document.createElement("label");
  label.className = className;
  label.textContent = labelText + " ";
  const input = document.createElement("input");
  input.type = "search";
  label.append(input);
  return { label, input };
}

function caseStudyFilter(indexes) {
  // Which sector and which region each case study (by its link) is listed under.
  const groupsOf = (index) => {
    const groups = new Map();
    for (const term of index.querySelectorAll(":scope > dt")) {
      const links = Array.from(term.nextElementSibling.querySelectorAll("a.reference"));
      groups.set(term.textContent.trim(), new Set(links.map((a) => a.getAttribute("href"))));
    }
    return groups;
  };
  const bySector = indexes.find((index) => index.classList.contains("hb-by-sector"));
  const byRegion = indexes.find((index) => index.classList.contains("hb-by-world-region"));
  if (!bySector || !byRegion) return;
  const sectors = groupsOf(bySector), regions = groupsOf(byRegion);
  const form = document.createElement("div");
  form.className = "hb-case-filter";
  const pick = (labelText, groups) => {
    const label = document.createElement("label");
    label.textContent = labelText + " ";
    const select = document.createElement("select");
    select.append(new Option("All", ""));
    for (const name of groups.keys()) select.append(new Option(name, name));
    label.append(select);
    form.append(label);
    return select;
  };
  const region = pick("World region", regions);
  const sector = pick("Sector", sectors);
  const count = document.createElement("p");
  count.className = "hb-filter-count";
  count.setAttribute("aria-live", "polite");
  form.append(count);
  const update = () => {
    const inRegion = region.value ? regions.get(region.value) : null;
    const inSector = sector.value ? sectors.get(sector.value) : null;
    const shown = new Set();
    for (const index of indexes) {
      for (const term of index.querySelectorAll(":scope > dt")) {
        let visible = 0;
        for (const item of term.nextElementSibling.querySelectorAll("li")) {
          const href = item.querySelector("a.reference")?.getAttribute("href");
          const keep = (!inRegion || inRegion.has(href)) && (!inSector || inSector.has(href));
          item.hidden = !keep;
          if (keep) { visible += 1; shown.add(href); }
        }
        term.hidden = term.nextElementSibling.hidden = visible === 0;
      }
    }
    count.textContent = region.value || sector.value ? `${shown.size} case studies` : "";
  };
  region.addEventListener("change", update);
  sector.addEventListener("change", update);
  bySector.closest("section").before(form);
}

document.addEventListener("DOMContentLoaded", () => {
  const directory = document.querySelector("dl.hb-directory");
  if (directory) companyFilter(directory);
  const indexes = Array.from(document.querySelectorAll("dl.hb-case-index"));
  if (indexes.length) caseStudyFilter(indexes);
});
