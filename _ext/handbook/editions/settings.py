"""The settings that choose an edition, checked before anything is built.

A misspelt value used to build another edition quietly (``handbook_edition=instuctor``
built the student one). Now each is one line naming the setting and the values allowed,
and the build stops. ``SettingError`` is a ``SystemExit``: sphinx-build reports any other
exception with a traceback and a plea to report a bug, which a typo does not deserve.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

EDITIONS = ("public", "student", "instructor")  # handbook_edition: see answers_shown.py
LATEX_SETS = ("book", "handouts")      # handbook_latex_set: one PDF, or one per chapter
PAPER_SIZES = ("a4paper", "letterpaper")  # latex_elements["papersize"] (make PAPER=a4|letter)


class SettingError(SystemExit):
    def __init__(self, setting: str, value: object, allowed: tuple[str, ...] | list[str]):
        shown = ", ".join(repr(v) for v in allowed) or "none"
        super().__init__(f"error: {setting} = {value!r} is not allowed; allowed: {shown}")
        self.setting, self.value, self.allowed = setting, value, tuple(allowed)


def check_choice(setting: str, value: object, allowed: tuple[str, ...] | list[str]) -> None:
    if value not in allowed:
        raise SettingError(setting, value, allowed)


def check_edition_settings(app: Sphinx, config: Config) -> None:
    check_choice("handbook_edition", config.handbook_edition, EDITIONS)
    check_choice("handbook_latex_set", config.handbook_latex_set, LATEX_SETS)
    check_choice("latex_elements.papersize", config.latex_elements.get("papersize", "a4paper"),
                 PAPER_SIZES)


def setup_settings(app: Sphinx) -> None:
    app.add_config_value("handbook_edition", "public", "env", types=[str])
    app.add_config_value("handbook_latex_set", "book", "env", types=[str])
    # First of the config-inited handlers: nothing is configured from a wrong value.
    app.connect("config-inited", check_edition_settings, priority=100)
