"""Multiple-choice questions a chapter declares, for the classroom and the quizzes of
``make lms``::

    :::{multiple-choice} Why does a heat pump deliver more heat than the electricity it uses?
    :label: mc-heat-pumps-1
    :objectives: 2

    - [x] It moves heat from outside rather than making it.
    - [ ] It burns the electricity more efficiently than a heater.
    - It stores heat from the night before.
    :::

Exactly one option is marked right with ``[x]``; the others may say ``[ ]`` or nothing.
Every edition prints the question, numbered by chapter ("Question 3.1"), and its options
lettered a), b), c); only the instructor edition marks the right one. The right answer is
kept in the environment for the quizzes (``editions/quizzes.py``), never printed elsewhere.

Doctree (standard nodes, so HTML, LaTeX and EPUB need no visitor of ours)::

    <container classes="hb-multiple-choice" ids="mc-heat-pumps-1">
        <paragraph classes="hb-question">
            <strong classes="hb-question-number"> Question 1.1
            Why does a heat pump …
        <paragraph classes="hb-exercise-meta"> … Objective 2
        <enumerated_list enumtype="loweralpha" prefix="" suffix=")">
            <list_item> <paragraph> It moves heat from outside …
                (instructor edition: classes="hb-right-answer", and " (right answer)")
            …

Checked where written (``handbook.multiple-choice``, with file and line; the question is
printed but left out of the quizzes): no list of options, fewer than two options, not
exactly one marked right, and an objective the chapter's box does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from handbook.chapter_numbers import chapter_numbers
from handbook.exercise_metadata import metadata_line, read_objectives
from handbook.per_document import PerDocumentNames
from handbook.validation import warn

# (docname) -> {MultipleChoice}: the quizzes' data, the right answer with it.
QUESTIONS = PerDocumentNames("handbook_multiple_choice")
MARK = re.compile(r"\[([ xX])\]\s*")
COUNTER = "handbook_multiple_choice_count"  # questions so far on the page being read


@dataclass(frozen=True)
class MultipleChoice:
    place: int                 # its place among the chapter's questions, from 1
    label: str
    question: str
    options: tuple[str, ...]
    right: int                 # index into options


def question_name(env: BuildEnvironment, docname: str, place: int) -> str:
    chapter = chapter_numbers(env).get(docname)
    return f"Question {chapter}.{place}" if chapter else f"Question {place}"


class MultipleChoiceDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"label": directives.unchanged, "objectives": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        place = self.env.temp_data[COUNTER] = self.env.temp_data.get(COUNTER, 0) + 1
        box = nodes.container(classes=["hb-multiple-choice"], place=place)
        self.set_source_info(box)
        label = self.options.get("label", "").strip()
        if label:
            box["ids"].append(nodes.make_id(label))
        question, messages = self.parse_inline(self.arguments[0], lineno=self.lineno)
        box += nodes.paragraph("", "", nodes.strong("", "Question", classes=["hb-question-number"]),
                               nodes.Text(" "), *question, classes=["hb-question"])
        box += messages
        if "objectives" in self.options:
            numbers, problem = read_objectives(self.options["objectives"], self.state.document)
            if problem:
                self.problem(f":objectives: {problem}; left out")
            else:
                box += metadata_line({"objectives": numbers})
        content = self.parse_content_to_nodes()
        options = [node for node in content if isinstance(node, nodes.bullet_list)]
        box += [node for node in content if not isinstance(node, nodes.bullet_list)]
        if len(options) != 1:
            self.problem("give the options as one list, '- [x] the right one', '- [ ] another'")
            return [box]
        items = list(options[0].children)
        right = [index for index, item in enumerate(items) if unmarked(item) == "x"]
        choices = nodes.enumerated_list(enumtype="loweralpha", prefix="", suffix=")")
        choices += items
        box += choices
        if len(items) < 2:
            self.problem(f"it has {len(items)} option, and a question needs at least 2")
            return [box]
        if len(right) != 1:
            self.problem(f"{len(right)} options are marked right with '[x]'; mark exactly one")
            return [box]
        if self.config.handbook_edition == "instructor":
            items[right[0]]["classes"].append("hb-right-answer")
            first = items[right[0]].children[0]
            if isinstance(first, nodes.paragraph):
                first += [nodes.Text(" "), nodes.strong("", "(right answer)")]
        QUESTIONS.note(self.env, {MultipleChoice(
            place, label, plain(question), tuple(plain([item]) for item in items), right[0])})
        return [box]

    def problem(self, message: str) -> None:
        warn(f"multiple-choice: {message}; it is left out of the quizzes", "multiple-choice",
             self.get_location())


def plain(found: list[nodes.Node]) -> str:
    return " ".join(" ".join(node.astext().split()) for node in found).strip()


def unmarked(item: nodes.Element) -> str:
    """Takes the ``[x]`` or ``[ ]`` off the option's text; which of them it was ("x", " "),
    or "" for none."""
    first = item.children[0] if item.children else None
    text = first.children[0] if isinstance(first, nodes.paragraph) and first.children else None
    if not isinstance(text, nodes.Text):
        return ""
    match = MARK.match(str(text))
    if match is None:
        return ""
    first.replace(text, nodes.Text(str(text)[match.end():]))
    return match.group(1).lower()


class NumberQuestions(SphinxPostTransform):
    """"Question 3.1": the chapter's number is known once every page is read. (The PDF's
    document holds every chapter: each question's own page is its source's.)"""

    default_priority = 400

    def run(self) -> None:
        for box in self.document.findall(nodes.container):
            if "hb-multiple-choice" in box["classes"]:
                docname = self.env.path2doc(box.source) or self.env.docname
                number = next(box.findall(nodes.strong))
                number.children = []
                number += nodes.Text(question_name(self.env, docname, box["place"]))


def setup_multiple_choice(app: Sphinx) -> None:
    app.add_directive("multiple-choice", MultipleChoiceDirective)
    app.add_post_transform(NumberQuestions)
    QUESTIONS.connect(app)
