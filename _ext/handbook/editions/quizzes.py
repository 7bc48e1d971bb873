"""Quizzes a learning platform imports (``make lms``): for every chapter and every course
pack, a QTI package (Canvas, Blackboard; made by text2qti) and a Moodle XML file, from the
exercises whose solutions declare their answers (``exercise_metadata.py``).

Each declared answer (but a zero, which a tolerance in per cent cannot accept) becomes a
numeric question: the exercise's statement, which part is
asked and in what unit, and the answer with the solution's tolerance. Nothing of the worked
solution goes in. The files are written only when ``handbook_lms_dir`` names a folder, so
no answer reaches the public HTML edition.
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
from handbook.validation import warn


@dataclass(frozen=True)
class Question:
    title: str       # "Exercise 3.1 (Insulating a loft), part 2 of 3"
    text: str        # the statement, then what is asked
    answer: Answer
    tolerance: float  # per cent


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


def chapter_questions(env: BuildEnvironment, docname: str) -> list[Question]:
    numbered = env.toc_fignumbers.get(docname, {}).get("exercise", {})
    texts = statements(env, docname)
    questions = []
    declared = answers_of(env).get(docname, {})
    for label, (answers, tolerance) in sorted(declared.items(),
                                              key=lambda item: numbered.get(item[0], ())):
        if label not in numbered or label not in texts:
            continue
        name = f"Exercise {'.'.join(map(str, numbered[label]))}"
        title = exercise_title(env, label)
        name += f" ({title})" if title else ""
        for index, answer in enumerate(answers, start=1):
            if answer.value == 0:
                continue  # a tolerance in per cent of zero accepts nothing (text2qti refuses it)
            part = f", part {index} of {len(answers)}" if len(answers) > 1 else ""
            unit = f" in {answer.unit}" if answer.unit else ""
            which = f"the answer to part {index}" if len(answers) > 1 else "the answer"
            ask = f"Give {which}{unit}, as a number."
            questions.append(Question(name + part, f"{texts[label]}\n\n{ask}", answer, tolerance))
    return questions


# -- QTI (Canvas, Blackboard), through text2qti's own quiz format --------------------------
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#|])")


def quiz_text(title: str, description: str, questions: list[Question]) -> str:
    lines = [f"Quiz title: {title}", f"Quiz description: {description}", ""]
    for number, question in enumerate(questions, start=1):
        lines.append(f"Title: {question.title}")
        body = MARKDOWN_SPECIALS.sub(r"\\\1", question.text).split("\n")
        # A wrapped paragraph continues at the column where the question's text starts.
        start = f"{number}.  "
        lines.append(start + body[0])
        lines += [" " * len(start) + line if line else "" for line in body[1:]]
        lines.append(f"=   {question.answer.value:g} +- {question.tolerance:g}%")
        lines.append("")
    return "\n".join(lines)


def write_qti(path: Path, title: str, description: str, questions: list[Question]) -> None:
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
def moodle_xml(category: str, questions: list[Question]) -> bytes:
    quiz = ElementTree.Element("quiz")
    heading = ElementTree.SubElement(quiz, "question", type="category")
    ElementTree.SubElement(ElementTree.SubElement(heading, "category"), "text").text = \
        f"$course$/{BOOK_TITLE}/{category}"
    for question in questions:
        item = ElementTree.SubElement(quiz, "question", type="numerical")
        ElementTree.SubElement(ElementTree.SubElement(item, "name"), "text").text = question.title
        text = ElementTree.SubElement(item, "questiontext", format="plain_text")
        ElementTree.SubElement(text, "text").text = question.text
        ElementTree.SubElement(item, "defaultgrade").text = "1"
        answer = ElementTree.SubElement(item, "answer", fraction="100")
        ElementTree.SubElement(answer, "text").text = f"{question.answer.value:g}"
        ElementTree.SubElement(answer, "tolerance").text = \
            f"{abs(question.answer.value) * question.tolerance / 100:g}"
        ElementTree.SubElement(ElementTree.SubElement(answer, "feedback"), "text").text = ""
    ElementTree.indent(quiz)
    return ElementTree.tostring(quiz, encoding="utf-8", xml_declaration=True)


def write_packages(folder: Path, name: str, title: str, questions: list[Question]) -> None:
    description = (f"Numeric questions from the {BOOK_TITLE}: {title}. Each answer is "
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
    questions = {docname: chapter_questions(env, docname) for docname in numbers}
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
    app.connect("build-finished", write_quizzes)
