// Search ranking for the handbook (Sphinx's `html_search_scorer`).
// Sphinx's defaults, plus one rule: a page whose title contains every word of the query
// is what the reader is looking for, so it ranks above glossary and index entries
// ("heat pump" finds the heat pump chapter before the glossary's "heat pump" entry).
var Scorer = {
  score: (result) => {
    const [docname, title, anchor, descr, score, filename, kind] = result;
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 2);
    const pageTitle = (title || "").toLowerCase();
    if (!anchor && words.length && words.every((w) => pageTitle.includes(w))) {
      return score + 100;
    }
    return score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
