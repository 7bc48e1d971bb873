"""The PDF editions: the whole book (``book``), one handout per chapter (``handouts``),
a course pack per course file (``courses``, ``course_packs``), both finished as
documents of their own (``standalone``); the settings that choose one (``settings``)
who sees the worked solutions in it (``answers_shown``) and which final answers it
prints (``answer_key``); quizzes for learning platforms (``quizzes``, ``make lms``);
and the report that names the chapter when LaTeX fails (``failure_report``, run by
the Makefile). The HTML edition is Sphinx's, with the features of the other modules."""

from __future__ import annotations

from sphinx.application import Sphinx

from handbook.editions.answer_key import setup_answer_key
from handbook.editions.answers_shown import setup_answers_shown
from handbook.editions.book import setup_latex_book
from handbook.editions.course_packs import setup_course_packs
from handbook.editions.handouts import setup_handouts
from handbook.editions.quizzes import setup_quizzes
from handbook.editions.settings import setup_settings
from handbook.editions.standalone import setup_standalone_documents


def setup_editions(app: Sphinx) -> None:
    setup_settings(app)
    setup_answers_shown(app)
    setup_answer_key(app)
    setup_quizzes(app)
    setup_latex_book(app)
    setup_handouts(app)
    setup_course_packs(app)
    setup_standalone_documents(app)
