"""The answer key: each exercise's final answers, as its solution declares them
(``exercise_metadata.py``), by chapter, never the worked solutions::

    ```{answer-key}
    ```

Which answers a page prints is the edition's choice (``handbook_answer_key``; empty, the
edition decides): the instructor editions print all, the public editions those of the
odd-numbered exercises (as textbooks do: a reader can check some work, a teacher still
has exercises to set), the student edition none. An instructor's course pack or handout
ends with the answers to its own chapters (``editions/standalone.py``).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx_exercise.nodes import exercise_subtitle

from handbook.chapter_numbers import chapter_numbers
from handbook.common.numbers import MINUS, with_minus_signs
from handbook.editions.settings import check_choice
from handbook.exercise_metadata import NUMBER, Answer, answers_of
from handbook.incremental_builds import PagesFedByChapters
from handbook.per_document import PerDocumentNames

CHOICES = ("all", "odd", "none")
BY_EDITION = {"instructor": "all", "public": "odd", "student": "none"}
PAGES = PerDocumentNames("handbook_answer_key_pages")


class answer_key(nodes.General, nodes.Element):
    """Replaced by the key when the page is written, once every chapter has been read."""


class AnswerKeyDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        PAGES.note(self.env, {"answer-key"})
        node = answer_key()
        self.set_source_info(node)
        return [node]


# A declared answer starts with its number ("1,000 GBP"); the key prints money as the
# worked solutions do ("£1,000"), and keeps a number on one line with its unit.
CURRENCY_SYMBOLS = {"USD": "$", "dollars": "$", "GBP": "£", "EUR": "€"}
MONEY = re.compile(r"(?:(?P<scale>thousand|million|billion)\s+)?(?P<code>USD|GBP|EUR|dollars)\b")


def as_printed(answer: Answer) -> str:
    match = NUMBER.match(answer.text)
    # A true minus sign, and 3.48 × 10¹⁰ on one line too.
    number = with_minus_signs(match.group()).replace(" ", "\u00a0")
    rest = answer.text[match.end():]
    unit = rest.lstrip()
    money = MONEY.match(unit)
    if money:
        sign, digits = (MINUS, number[1:]) if number.startswith(MINUS) else ("", number)
        scale = f"\u00a0{money['scale']}" if money["scale"] else ""
        return sign + CURRENCY_SYMBOLS[money["code"]] + digits + scale + unit[money.end():]
    return number + ("\u00a0" + unit if unit != rest else rest)


def which_answers(config: Config) -> str:
    return config.handbook_answer_key or BY_EDITION[config.handbook_edition]


def exercise_title(env: BuildEnvironment, label: str) -> str:
    entry = getattr(env, "sphinx_exercise_registry", {}).get(label)
    if entry is None:
        return ""
    subtitle = next(iter(entry["node"].findall(exercise_subtitle)), None)
    return subtitle.astext().strip() if subtitle is not None else ""


def key_for(env: BuildEnvironment, docnames: list[str], which: str) -> list[nodes.Node]:
    """A heading line and a list of answers for each chapter that has some to print."""
    answers = answers_of(env)
    chapters = chapter_numbers(env)
    result: list[nodes.Node] = []
    for docname in docnames:
        numbered = env.toc_fignumbers.get(docname, {}).get("exercise", {})
        items = []
        for label, (declared, _tolerance) in answers.get(docname, {}).items():
            number = numbered.get(label)
            if number is None or (which == "odd" and number[-1] % 2 == 0):
                continue
            title = exercise_title(env, label)
            text = f"Exercise {'.'.join(map(str, number))}" + (f" ({title})" if title else "")
            item = nodes.list_item("", nodes.paragraph(
                "", "", nodes.strong("", text + ": "),
                nodes.Text("; ".join(as_printed(answer) for answer in declared))))
            items.append((number, item))
        if not items:
            continue
        heading = env.titles[docname].astext()
        if docname in chapters:
            heading = f"Chapter {chapters[docname]}: {heading}"
        result.append(nodes.rubric("", heading))
        result.append(nodes.bullet_list("", *(item for _, item in sorted(items)),
                                        classes=["hb-answer-key"]))
    if not result:
        return result
    # In print a chapter's heading needs room for its first answers only, not the 7 lines
    # other third-level headings keep (handbook.sty): the lists break.
    return [nodes.raw("", r"\begingroup\renewcommand{\HandbookRubricNeed}{4\baselineskip}",
                      format="latex"), *result, nodes.raw("", r"\endgroup", format="latex")]


def introduction(which: str, edition: str) -> nodes.paragraph:
    # Where the worked solutions are: under each exercise in the instructor's edition.
    solutions = ("under each exercise in this edition" if edition == "instructor"
                 else "in the instructor edition")
    text = {
        "all": "The final answer of every exercise that has one, chapter by chapter. The "
               f"worked solutions, which show how to reach them, are {solutions}.",
        "odd": "The final answers of the odd-numbered exercises, so that you can check your "
               "work; the others are left for your teacher to set. Worked solutions are in "
               "the instructor edition.",
        "none": "This edition prints no answers: your teacher has them.",
    }[which]
    return nodes.paragraph("", text)


def fill_answer_keys(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    which = which_answers(app.config)
    chapters = sorted(chapter_numbers(app.env).items(), key=lambda item: item[1])
    for node in list(doctree.findall(answer_key)):
        replacement = [introduction(which, app.config.handbook_edition)]
        if which != "none":
            replacement += key_for(app.env, [doc for doc, _ in chapters], which)
        node.replace_self(replacement)


def answer_key_summary(env: BuildEnvironment) -> str:
    """The whole key as text: what its pages show of the chapters."""
    numbers = chapter_numbers(env)
    return "\n".join(node.astext() for node in key_for(env, sorted(numbers, key=numbers.get), "all"))


def check_answer_key_setting(app: Sphinx, config: Config) -> None:
    if config.handbook_answer_key:
        check_choice("handbook_answer_key", config.handbook_answer_key, CHOICES)


def setup_answer_key(app: Sphinx) -> None:
    app.add_config_value("handbook_answer_key", "", "env", types=[str])
    app.add_directive("answer-key", AnswerKeyDirective)
    app.add_node(answer_key)  # always replaced before writing
    PAGES.connect(app)
    app.connect("config-inited", check_answer_key_setting, priority=100)
    app.connect("doctree-resolved", fill_answer_keys)
    PagesFedByChapters(lambda env: sorted(PAGES.of(env)), answer_key_summary).connect(app)
