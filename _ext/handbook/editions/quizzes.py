"""Quizzes a learning platform imports (``make lms``): for every chapter and every course
pack, a QTI package (Canvas, Blackboard; made by text2qti) and a Moodle XML file, from the
exercises whose solutions declare their answers (``exercise_metadata.py``) and from the
chapter's multiple-choice questions (``multiple_choice.py``).

Each declared answer (but a zero, which a tolerance in per cent cannot accept) becomes a
numeric question: the exercise's statement, which part is
asked and in what unit, and the answer with the solution's tolerance. Nothing of the worked
solution goes in. An answer that has a formula (``exercise_variants.py``) becomes instead
``handbook_lms_variants`` variants, each with its own numbers and answer: in QTI a question
group from which each student is given one, in Moodle XML a category of their own, for a
"random question" from it. The files are written only when ``handbook_lms_dir`` names a
folder, so no answer reaches the public HTML edition.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node

from handbook.chapter_numbers import chapter_numbers
from handbook.editions.answer_key import exercise_title
from handbook.editions.book import BOOK_TITLE
from handbook.editions.book_sources import chapter_titles
from handbook.editions.course_packs import load_courses
from handbook.exercise_metadata import Answer, answers_of
from handbook.exercise_variants import FORMULAS, VARIABLES, evaluate, variants
from handbook.multiple_choice import QUESTIONS, MultipleChoice, question_name
from handbook.validation import warn


@dataclass(frozen=True)
class Question:
    title: str       # "Exercise 3.1 (Insulating a loft), answer 2 of 3"
    text: str        # the statement, then what is asked
    answer: Answer
    tolerance: float  # per cent


@dataclass(frozen=True)
class QuestionGroup:
    title: str       # "Exercise 3.1 (Insulating a loft), answer 2 of 3"
    questions: tuple[Question, ...]  # its variants: a student is given one


@dataclass(frozen=True)
class Choice:
    title: str       # "Question 3.1"
    asked: MultipleChoice


Item = Question | QuestionGroup | Choice


def plain_text(node: nodes.Element) -> str:
    """The statement as a student reads it: paragraphs, and list items with their numbers."""
    blocks = []
    for child in node.children:
        if isinstance(child, nodes.paragraph) and "hb-exercise-meta" in child["classes"]:
            continue  # level, minutes: not part of the question
        if isinstance(child, nodes.enumerated_list):
            blocks += [f"{n}. {' '.join(item.astext().split())}"
                       for n, item in enumerate(child.children, start=int(child.get("start", 1)))]
        elif isinstance(child, nodes.bullet_list):
            blocks += [f"- {' '.join(item.astext().split())}" for item in child.children]
        elif isinstance(child, nodes.Element):
            blocks.append(" ".join(child.astext().split()))
    return "\n\n".join(block for block in blocks if block)


def is_exercise(node: nodes.Node) -> bool:
    return isinstance(node, (exercise_node, exercise_enumerable_node))


def statements(env: BuildEnvironment, docname: str) -> dict[str, str]:
    """Exercise label -> its statement, from the chapter as read."""
    found = {}
    for node in env.get_doctree(docname).findall(is_exercise):
        if node.get("label"):
            section = next((c for c in node.children if isinstance(c, nodes.section)), None)
            if section is not None:
                found[node["label"]] = plain_text(section)
    return found


def chapter_questions(env: BuildEnvironment, docname: str, variant_count: int) -> list[Item]:
    numbered = env.toc_fignumbers.get(docname, {}).get("exercise", {})
    texts = statements(env, docname)
    questions: list[Item] = []
    declared = answers_of(env).get(docname, {})
    variables = dict(VARIABLES.of(env).get(docname, ()))
    formulas = dict(FORMULAS.of(env).get(docname, ()))
    for label, (answers, tolerance) in sorted(declared.items(),
                                              key=lambda item: numbered.get(item[0], ())):
        if label not in numbered or label not in texts:
            continue
        name = f"Exercise {'.'.join(map(str, numbered[label]))}"
        title = exercise_title(env, label)
        name += f" ({title})" if title else ""
        made = variants(label, variables[label], texts[label], variant_count) \
            if label in formulas and label in variables else []
        for index, answer in enumerate(answers, start=1):
            part = f", answer {index} of {len(answers)}" if len(answers) > 1 else ""
            unit = f" in {answer.unit}" if answer.unit else ""
            # The declared answers, not the exercise's numbered parts (one part may ask two).
            which = (f"answer {index} of the {len(answers)} this exercise asks for"
                     if len(answers) > 1 else "the answer")
            ask = f"Give {which}{unit}, as a number."
            formula = formulas[label][index - 1] if made else None
            if formula is None:
                asked = [Question(name + part, f"{texts[label]}\n\n{ask}", answer, tolerance)]
            else:
                asked = [Question(f"{name}{part}, variant {number}", f"{variant.statement}\n\n{ask}",
                                  Answer(value, answer.unit, f"{value:g} {answer.unit}".strip()),
                                  tolerance)
                         for number, variant in enumerate(made, start=1)
                         for value in [evaluate(formula, variant.values)]]
            # A tolerance in per cent of zero accepts nothing (text2qti refuses it).
            asked = [question for question in asked if question.answer.value != 0]
            if formula is None or len(asked) < 2:
                questions += asked
            else:
                questions.append(QuestionGroup(name + part, tuple(asked)))
    for choice in sorted(QUESTIONS.of(env).get(docname, ()), key=lambda c: c.place):
        questions.append(Choice(question_name(env, docname, choice.place), choice))
    return questions


# -- QTI (Canvas, Blackboard), through text2qti's own quiz format --------------------------
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|])")


def escaped(text: str) -> str:
    return MARKDOWN_SPECIALS.sub(r"\\\1", text)


def question_lines(number: int, title: str, text: str) -> list[str]:
    body = escaped(text).split("\n")
    # A wrapped paragraph continues at the column where the question's text starts.
    start = f"{number}.  "
    return [f"Title: {title}", start + body[0]] + \
        [" " * len(start) + line if line else "" for line in body[1:]]


def quiz_text(title: str, description: str, questions: list[Item]) -> str:
    lines = [f"Quiz title: {title}", f"Quiz description: {description}",
             "Shuffle answers: true", ""]
    number = 0
    for item in questions:
        if isinstance(item, QuestionGroup):  # each student is given one of the variants
            lines += ["GROUP", "pick: 1", "points per question: 1", ""]
        for question in item.questions if isinstance(item, QuestionGroup) else [item]:
            number += 1
            if isinstance(question, Choice):
                lines += question_lines(number, question.title, question.asked.question)
                lines += [f"{'*' if index == question.asked.right else ''}{letter}) "
                          f"{escaped(option)}" for index, (letter, option)
                          in enumerate(zip("abcdefghijklmnopqrstuvwxyz", question.asked.options))]
            else:
                lines += question_lines(number, question.title, question.text)
                lines.append(f"=   {question.answer.value:g} +- {question.tolerance:g}%")
            lines.append("")
        if isinstance(item, QuestionGroup):
            lines += ["END_GROUP", ""]
    return "\n".join(lines)


def write_qti(path: Path, title: str, description: str, questions: list[Item]) -> None:
    # Imported here, by `make lms` only: text2qti's configuration reader (bespon) compiles
    # its patterns on import, half a second of every other build.
    from text2qti.config import Config as QuizConfig
    from text2qti.err import Text2qtiError
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    try:
        quiz = Quiz(quiz_text(title, description, questions), config=QuizConfig(),
                    source_name=path.name)
    except Text2qtiError as error:  # a question text2qti cannot take: say which, go on
        warn(f"quiz {path.name} not written: {error}", "quiz", str(path))
        return
    with path.open("wb") as stream:
        QTI(quiz).write(stream)


# -- Moodle XML ------------------------------------------------------------------------
def moodle_category(quiz: ElementTree.Element, path: str) -> None:
    """The category the questions after it land in (Moodle creates it on import)."""
    heading = ElementTree.SubElement(quiz, "question", type="category")
    ElementTree.SubElement(ElementTree.SubElement(heading, "category"), "text").text = \
        f"$course$/{BOOK_TITLE}/{path}"


def moodle_question(quiz: ElementTree.Element, kind: str, title: str,
                    text: str) -> ElementTree.Element:
    item = ElementTree.SubElement(quiz, "question", type=kind)
    ElementTree.SubElement(ElementTree.SubElement(item, "name"), "text").text = title
    body = ElementTree.SubElement(item, "questiontext", format="plain_text")
    ElementTree.SubElement(body, "text").text = text
    ElementTree.SubElement(item, "defaultgrade").text = "1"
    return item


def moodle_answer(item: ElementTree.Element, fraction: int, text: str) -> ElementTree.Element:
    answer = ElementTree.SubElement(item, "answer", fraction=str(fraction))
    ElementTree.SubElement(answer, "text").text = text
    ElementTree.SubElement(ElementTree.SubElement(answer, "feedback"), "text").text = ""
    return answer


def moodle_numerical(quiz: ElementTree.Element, question: Question) -> None:
    item = moodle_question(quiz, "numerical", question.title, question.text)
    answer = moodle_answer(item, 100, f"{question.answer.value:g}")
    ElementTree.SubElement(answer, "tolerance").text = \
        f"{abs(question.answer.value) * question.tolerance / 100:g}"


def moodle_multichoice(quiz: ElementTree.Element, choice: Choice) -> None:
    item = moodle_question(quiz, "multichoice", choice.title, choice.asked.question)
    ElementTree.SubElement(item, "single").text = "true"
    ElementTree.SubElement(item, "shuffleanswers").text = "1"
    ElementTree.SubElement(item, "answernumbering").text = "abc"
    for index, option in enumerate(choice.asked.options):
        moodle_answer(item, 100 if index == choice.asked.right else 0, option)


def moodle_xml(category: str, questions: list[Item]) -> bytes:
    quiz = ElementTree.Element("quiz")
    moodle_category(quiz, category)
    for item in questions:
        if isinstance(item, QuestionGroup):
            # A category of its own, so that a quiz can draw a "random question" from it;
            # then back to the chapter's for what follows.
            moodle_category(quiz, f"{category}/{item.title.replace('/', '//')}")
            for question in item.questions:
                moodle_numerical(quiz, question)
            moodle_category(quiz, category)
        elif isinstance(item, Choice):
            moodle_multichoice(quiz, item)
        else:
            moodle_numerical(quiz, item)
    ElementTree.indent(quiz)
    return ElementTree.tostring(quiz, encoding="utf-8", xml_declaration=True)


def write_packages(folder: Path, name: str, title: str, questions: list[Item]) -> None:
    description = (f"Questions from the {BOOK_TITLE}: {title}. Each numeric answer is "
                   "accepted within the tolerance its worked solution allows.")
    write_qti(folder / f"{name}.qti.zip", title, description, questions)
    (folder / f"{name}.moodle.xml").write_bytes(moodle_xml(title, questions))


def write_quizzes(app: Sphinx, exception: Exception | None) -> None:
    folder_name = app.config.handbook_lms_dir
    if exception is not None or not folder_name:
        return
    env = app.env
    folder = Path(folder_name)
    for stale in list(folder.glob("*/*.qti.zip")) + list(folder.glob("*/*.moodle.xml")):
        stale.unlink()
    numbers = chapter_numbers(env)
    count = app.config.handbook_lms_variants
    questions = {docname: chapter_questions(env, docname, count) for docname in numbers}
    (folder / "chapters").mkdir(parents=True, exist_ok=True)
    for docname, asked in questions.items():
        if asked:
            title = f"Chapter {numbers[docname]}: {env.titles[docname].astext()}"
            write_packages(folder / "chapters", docname.split("/")[-1], title, asked)
    (folder / "courses").mkdir(exist_ok=True)
    for course in load_courses(app.config, chapter_titles(Path(app.srcdir)), report=False):
        asked = [q for chapter in course.chapters for q in questions.get(chapter, [])]
        if asked:
            write_packages(folder / "courses", course.name, course.title, asked)


def setup_quizzes(app: Sphinx) -> None:
    app.add_config_value("handbook_lms_dir", "", "", types=[str])
    # How many variants of a question with a formula (make lms VARIANTS=N).
    app.add_config_value("handbook_lms_variants", 5, "", types=[int])
    app.connect("build-finished", write_quizzes)
