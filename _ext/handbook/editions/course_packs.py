"""Course packs: each course's landing page, written on every build, and with
``handbook_course_pack = "<name>"`` (``make course COURSE=<name>``) the course's PDF:
the root document becomes a generated pack page whose toctree holds the course's
chapters, and the PDF is that pack alone. The course files are read in ``courses.py``.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.texescape import escape

from handbook.common.text_files import write_if_changed
from handbook.editions.book import BOOK_TITLE
from handbook.editions.book_sources import chapter_titles
from handbook.editions.courses import (
    LANDING_PAGES,
    PACK_ROOTS,
    Course,
    CourseError,
    landing_page,
    load_course,
    pack_root,
)
from handbook.editions.settings import check_choice
from handbook.validation import warn


def load_courses(config: Config, titles: dict[str, str], report: bool = True) -> list[Course]:
    """Every valid course; each broken course file is a warning at its file and line
    (unless *report* is false: it has been reported earlier in the build)."""
    if not config.handbook_courses_dir:
        return []  # not Path(""), which is the current folder
    folder = Path(config.handbook_courses_dir)
    courses = []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        try:
            courses.append(load_course(path, titles))
        except CourseError as error:
            if report:
                warn(f"course file: {error.message}", "course", f"{error.path}:{error.line}")
    return courses


def configure_course_pack(config: Config, course: Course) -> None:
    root = f"{PACK_ROOTS.as_posix()}/{course.name}"
    # The pack's chapters keep the numbers they have in the book (chapter_numbers.py).
    config.handbook_book_root = config.root_doc
    config.root_doc = root
    config.latex_documents = [(root, f"{course.name}.tex", course.title,
                               course.instructor or BOOK_TITLE, "manual", True)]
    config.latex_toplevel_sectioning = "chapter"
    subtitle = course.subtitle or f"A course pack of the {BOOK_TITLE}"
    # The pack's own title page names the course (texescape happens in the sty macro arg).
    config.latex_elements = {**config.latex_elements, "preamble":
                             config.latex_elements.get("preamble", "")
                             + f"\n\\renewcommand{{\\HandbookSubtitle}}{{{escape(subtitle)}}}"
                             + f"\n\\hypersetup{{pdftitle={{{escape(course.title)}}}}}"}
    # Pages of the book outside the pack are not in its toctree, and need not be.
    config.suppress_warnings = [*config.suppress_warnings, "toc.not_included"]


def write_course_pages(app: Sphinx, config: Config) -> None:
    srcdir = Path(app.srcdir)
    titles = chapter_titles(srcdir)
    courses = load_courses(config, titles)
    wanted = {f"{course.name}.md" for course in courses}
    folder = srcdir / LANDING_PAGES
    for stale in folder.glob("*.md") if folder.is_dir() else []:
        if stale.name not in wanted:
            stale.unlink()
    for course in courses:
        write_if_changed(folder / f"{course.name}.md", landing_page(course, titles))
    if not config.handbook_course_pack:
        # A pack's root exists only for its own build; elsewhere it is not part of the book.
        config.exclude_patterns.append(PACK_ROOTS.as_posix())
        return
    # A broken course file has had its warning above; it is then not a usable course.
    check_choice("handbook_course_pack", config.handbook_course_pack,
                 [course.name for course in courses])
    course = next(c for c in courses if c.name == config.handbook_course_pack)
    write_if_changed(srcdir / PACK_ROOTS / f"{course.name}.md", pack_root(course))
    configure_course_pack(config, course)


def setup_course_packs(app: Sphinx) -> None:
    app.add_config_value("handbook_courses_dir", "", "env", types=[str])
    app.add_config_value("handbook_course_pack", "", "env", types=[str])
    app.connect("config-inited", write_course_pages)
