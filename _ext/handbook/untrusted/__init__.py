"""Chapters are untrusted input: what a chapter may contain, and how every other thing is
refused at its file and line (see README, "Contributing chapters safely", and the table
in ``markup_policy``). Connected before every other feature, so that no feature ever
sees what the policy refuses."""

from __future__ import annotations

from sphinx.application import Sphinx

from handbook.untrusted.chapter_parser import setup_chapter_parser
from handbook.untrusted.checked_icons import setup_checked_icons
from handbook.untrusted.content import setup_untrusted_content
from handbook.untrusted.control_characters import setup_control_characters
from handbook.untrusted.html_mathml import setup_html_mathml
from handbook.untrusted.invisible_characters import setup_invisible_characters
from handbook.untrusted.markup_policy import setup_markup_policy
from handbook.untrusted.math_policy import setup_math_policy
from handbook.untrusted.one_title import setup_one_title
from handbook.untrusted.source_files import setup_source_files
from handbook.untrusted.theme_escaping import setup_theme_escaping


def setup_untrusted_input(app: Sphinx) -> None:
    setup_markup_policy(app)
    setup_chapter_parser(app)
    setup_checked_icons(app)
    setup_untrusted_content(app)
    setup_source_files(app)
    setup_control_characters(app)
    setup_invisible_characters(app)
    setup_one_title(app)
    setup_math_policy(app)
    setup_html_mathml(app)
    setup_theme_escaping(app)
