"""``handbook import``: pages of the old Docusaurus site made into chapters of the book.

``cli`` (the command) → ``run`` (plans the pages, writes chapters, pictures, the table of
contents) → ``read`` and ``source`` (a page and its front matter) → ``convert`` (with
``inline``, ``companies``, ``case_studies``, ``pictures``, ``myst_blocks``,
``myst_escapes``: Docusaurus Markdown to our MyST) → ``report`` (what was kept, changed
and dropped, with lines). ``book_contents`` and ``book_toc`` read and update the book.
It imports no Sphinx: the rules it shares with the book are in ``handbook.common``.
"""
