// The book's search, as the search page and the Ctrl+K dialog show it: Pagefind's
// interface over the index that _ext/handbook/web/search_index.py writes.
function handbookSearch(element, bundlePath) {
  const search = new PagefindUI({
    element, bundlePath, showSubResults: true, showImages: false, autofocus: true,
    // Pagefind matches the starts of words, so "COP" would find "Copenhagen": a term of
    // three characters or fewer is searched as a whole word (quoted, in Pagefind's terms).
    processTerm: (term) => term.replace(/(^|\s)([^\s"]{1,3})(?=\s|$)/g, '$1"$2"'),
  });
  // Pagefind's box has only a title and a placeholder; screen readers need a name.
  document.querySelector(`${element} input`)?.setAttribute("aria-label", "Search the book");
  return search;
}
