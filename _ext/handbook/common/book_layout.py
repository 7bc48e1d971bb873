"""Where things sit in the book's source folder (``book/``)."""

# Pages and figures the build writes (course landing pages, course-pack roots, the
# Drawdown chart): not under version control, never edited, never imported into.
GENERATED = "_generated"
