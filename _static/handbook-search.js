// The book's search, as the search page and the Ctrl+K dialog show it: Pagefind's
// interface over the index that _ext/handbook/web/search_index.py writes.
function handbookSearch(element, bundlePath) {
  // Opened from a folder on disk (file://), the browser keeps Pagefind from loading its
  // index: say so, rather than show a search box that finds nothing.
  if (window.location.protocol === "file:") {
    const note = document.createElement("p");
    note.className = "hb-search-offline";
    note.textContent = "Search works when the book is read from a website or a local web "
      + "server; opened from a folder on disk, the browser does not let it read its index. "
      + "The index and the contents work everywhere.";
    document.querySelector(element)?.append(note);
    return null;
  }
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
