"""`make live`: the HTML edition served with live reload, rebuilt in a process that stays.

sphinx-autobuild starts a new ``sphinx-build`` on every save: Python and Sphinx start
again, every extension is imported, the pickled environment of the whole book is loaded,
and Pagefind indexes the whole site before the browser is told to reload. At 93 chapters
that took 5 s from saving a chapter to seeing it (``make bench``). Here one Sphinx
application stays loaded in a worker process (``preview_builder``) and builds again when a
chapter changes; the browser reloads as soon as the pages are written, and the search
index follows a moment later. Anything else that changes (the extension, styles, data,
the configuration, a .bib file) starts a fresh worker, which builds as ``sphinx-build``
would. The server and the reload script are sphinx-autobuild's (``__main__``).
"""
