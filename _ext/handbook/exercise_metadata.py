"""What an exercise asks of a student, declared on the exercise, and the final answers
its worked solution reaches, declared on the solution::

    :::{exercise} Insulating a loft
    :label: ex-insulation-1
    :difficulty: 2
    :minutes: 20
    :kind: calculation
    :objectives: 2, 3
    …
    :::

    :::{solution} ex-insulation-1
    :class: dropdown
    :answer: 6.75 m²·K/W; 727 kg CO2e
    :tolerance: 2%
    …
    :::

The exercise shows a line under its title in every edition, "Level 2 of 3 · about
20 min · Calculation · Objectives 2, 3" (small badges in HTML). The objectives are the
numbers of the items of the chapter's "Learning objectives" box.

Each answer is a number and its unit; ``;`` separates the answers of a many-part
exercise, in order. They feed the answer key and the quiz export, and are noted for every
edition, the student one included (which prints no worked solution). The tolerance
(default 2%) is how far a student's number may be from the answer.

Checked where written (``handbook.exercise-metadata``, ``handbook.answer``, with file and
line; the faulty field is left out): a difficulty other than 1–3, minutes that are not a
whole number, a kind not in ``KINDS``, an objective the chapter's box does not have, an
answer without a number, and an answer whose number the worked solution never reaches
(the last answer must be in the solution's last paragraph).

An exercise may also declare ``:variables:`` and its solution ``:formula:``, so that a quiz
gives each student other numbers (``exercise_variants.py``); the book prints neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.environment import BuildEnvironment

from handbook.exercise_variants import (
    FORMULAS,
    VARIABLES,
    VariantError,
    base_values,
    evaluate,
    parse_formulas,
    parse_variables,
)
from handbook.per_document import PerDocumentNames
from handbook.validation import warn

KINDS = ("calculation", "design", "economics", "lifecycle", "data", "discussion")
DEFAULT_TOLERANCE = 2.0  # per cent
OBJECTIVES_TITLE = "Learning objectives"

# 3,840 · 0.138 · −1.48 · 3.48 × 10¹⁰ (1.5e6 is not written in the book); thousands take
# commas, and a power of ten is part of its number.
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
NUMBER = re.compile(r"[−-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s*×\s*10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]*[⁰¹²³⁴⁵⁶⁷⁸⁹])?")

# (docname) -> {(exercise label, answers, tolerance)}: the answer key's and the quizzes' data.
ANSWERS = PerDocumentNames("handbook_exercise_answers")


@dataclass(frozen=True)
class Answer:
    value: float
    unit: str
    text: str  # as written, for the answer key


def number_value(text: str) -> float:
    mantissa, _, power = text.partition("×")
    value = float(mantissa.replace(",", "").replace("−", "-"))
    if power:
        value *= 10 ** int(power.strip()[2:].translate(SUPERSCRIPTS))
    return value


def parse_answer(text: str) -> Answer | None:
    text = text.strip()
    match = NUMBER.match(text)
    if match is None:
        return None
    return Answer(number_value(match.group()), text[match.end():].strip(), text)


def close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= abs(b) * tolerance / 100 or a == b


def objectives_count(document: nodes.document) -> int | None:
    """How many items the chapter's "Learning objectives" box lists (it comes first)."""
    for box in document.findall(nodes.admonition):
        if box.children and box[0].astext().strip() == OBJECTIVES_TITLE:
            lists = list(box.findall(nodes.bullet_list)) + list(box.findall(nodes.enumerated_list))
            return len(lists[0].children) if lists else 0
    return None


# -- the exercise ------------------------------------------------------------------------
EXERCISE_OPTIONS = {"difficulty": directives.unchanged, "minutes": directives.unchanged,
                    "kind": directives.unchanged, "objectives": directives.unchanged,
                    "variables": directives.unchanged}


class ExerciseMetadataMixin:
    """Reads and checks the metadata options, and puts the line into the exercise."""

    def run(self) -> list[nodes.Node]:
        metadata = self.read_metadata()
        if "variables" in self.options:
            self.note_variables()
        result = super().run()
        for node in result:
            section = next((child for child in node.children
                            if isinstance(child, nodes.section)), None) \
                if isinstance(node, nodes.Element) else None
            if section is not None and metadata:
                node["metadata"] = metadata
                section.insert(0, metadata_line(metadata))
        return result

    def note_variables(self) -> None:
        """The inputs a quiz may vary (``exercise_variants.py``); printed nowhere."""
        label = self.options.get("label", "").strip()
        try:
            if not label:
                raise VariantError("an exercise with variables needs a :label:")
            variables = parse_variables(self.options["variables"], "\n".join(self.content))
        except VariantError as error:
            warn(f"exercise: :variables: {error}; left out", "variables", self.get_location())
            return
        VARIABLES.note(self.env, {(label, variables)})

    def read_metadata(self) -> dict:
        metadata: dict = {}
        location = self.get_location()

        def problem(field: str, message: str) -> None:
            warn(f"exercise: :{field}: {message}; left out", "exercise-metadata", location)

        if "difficulty" in self.options:
            value = self.options["difficulty"].strip()
            if value in ("1", "2", "3"):
                metadata["difficulty"] = int(value)
            else:
                problem("difficulty", f"{value!r} is not 1, 2 or 3")
        if "minutes" in self.options:
            value = self.options["minutes"].strip()
            if value.isdigit() and int(value) > 0:
                metadata["minutes"] = int(value)
            else:
                problem("minutes", f"{value!r} is not a whole number of minutes")
        if "kind" in self.options:
            value = self.options["kind"].strip().lower()
            if value in KINDS:
                metadata["kind"] = value
            else:
                problem("kind", f"{value!r} is not one of: {', '.join(KINDS)}")
        if "objectives" in self.options:
            numbers, message = read_objectives(self.options["objectives"], self.state.document)
            if message:
                problem("objectives", message)
            else:
                metadata["objectives"] = numbers
        return metadata


def read_objectives(value: str, document: nodes.document) -> tuple[tuple[int, ...], str]:
    """The objectives' numbers, or what is wrong with them (multiple-choice questions
    declare them too)."""
    count = objectives_count(document)
    numbers = [part.strip() for part in value.split(",") if part.strip()]
    if count is None:
        return (), f"the chapter has no {OBJECTIVES_TITLE!r} box before it"
    if not numbers or not all(n.isdigit() and 1 <= int(n) <= count for n in numbers):
        return (), (f"{value!r} must name objectives 1 to {count} of the chapter's "
                    f"{OBJECTIVES_TITLE!r}, separated by commas")
    return tuple(int(n) for n in numbers), ""


def metadata_line(metadata: dict) -> nodes.paragraph:
    parts = []
    if "difficulty" in metadata:
        parts.append((f"Level {metadata['difficulty']} of 3", f"hb-level-{metadata['difficulty']}"))
    if "minutes" in metadata:
        parts.append((f"about {metadata['minutes']} min", "hb-minutes"))
    if "kind" in metadata:
        parts.append((metadata["kind"].capitalize(), "hb-kind"))
    if "objectives" in metadata:
        numbers = metadata["objectives"]
        word = "Objective" if len(numbers) == 1 else "Objectives"
        parts.append((f"{word} {', '.join(map(str, numbers))}", "hb-objectives"))
    line = nodes.emphasis()
    for index, (text, cls) in enumerate(parts):
        if index:
            line += nodes.inline("", " · ", classes=["hb-meta-sep"])
        line += nodes.inline("", text, classes=["hb-meta", cls])
    return nodes.paragraph("", "", line, classes=["hb-exercise-meta"])


# -- the solution -------------------------------------------------------------------------
SOLUTION_OPTIONS = {"answer": directives.unchanged, "tolerance": directives.unchanged,
                    "formula": directives.unchanged}


class SolutionAnswersMixin:
    """Reads the declared answers, checks them against the worked solution's text (as
    written, so the check is the same whether or not the edition prints solutions), and
    notes them for the answer key."""

    def run(self) -> list[nodes.Node]:
        if "answer" in self.options:
            self.note_answers()
        return super().run()

    def note_answers(self) -> None:
        location = self.get_location()
        tolerance = DEFAULT_TOLERANCE
        if "tolerance" in self.options:
            written = self.options["tolerance"].strip()
            match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*%", written)
            if match:
                tolerance = float(match.group(1))
            else:
                warn(f"solution: :tolerance: {written!r} is not a percentage such as '2%'; "
                     f"{DEFAULT_TOLERANCE:g}% is used", "answer", location)
        answers = []
        for text in self.options["answer"].split(";"):
            answer = parse_answer(text)
            if answer is None:
                warn(f"solution: :answer: {text.strip()!r} does not start with a number; "
                     "left out", "answer", location)
            else:
                answers.append(answer)
        worked = [line for line in self.content if not re.match(r"\s*:\w+:", line)]
        paragraphs = [p for p in "\n".join(worked).split("\n\n") if p.strip()]
        everywhere = [number_value(n) for n in NUMBER.findall("\n".join(worked))]
        last = [number_value(n) for n in NUMBER.findall(paragraphs[-1])] if paragraphs else []
        for index, answer in enumerate(answers):
            pool = last if index == len(answers) - 1 else everywhere
            if not any(close(answer.value, found, tolerance) for found in pool):
                where = "last paragraph" if pool is last else "text"
                warn(f"solution: the answer {answer.text!r} is not in the worked solution's "
                     f"{where} (within {tolerance:g}%)", "answer", location)
        if answers:
            ANSWERS.note(self.env, {(self.arguments[0], tuple(answers), tolerance)})
        if "formula" in self.options and len(answers) == len(self.options["answer"].split(";")):
            self.note_formulas(answers, tolerance)

    def note_formulas(self, answers: list[Answer], tolerance: float) -> None:
        """One formula per answer, in the exercise's variables, that gives the declared
        answer at the base values (``exercise_variants.py``)."""
        label = self.arguments[0].strip()
        variables = dict(VARIABLES.of(self.env).get(self.env.docname, ())).get(label)
        try:
            if variables is None:
                raise VariantError(f"the exercise {label!r} declares no (usable) :variables: "
                                   "before this solution in the chapter")
            formulas = parse_formulas(self.options["formula"], variables, len(answers))
            at_base = base_values(variables)
            for formula, answer in zip(formulas, answers):
                if formula is not None and not close(evaluate(formula, at_base), answer.value,
                                                     tolerance):
                    raise VariantError(
                        f"{formula!r} gives {evaluate(formula, at_base):g} at the base values, "
                        f"not the answer {answer.text!r} (within {tolerance:g}%)")
        except VariantError as error:
            warn(f"solution: :formula: {error}; left out", "answer", self.get_location())
            return
        FORMULAS.note(self.env, {(label, formulas)})


def answers_of(env: BuildEnvironment) -> dict[str, dict[str, tuple[tuple[Answer, ...], float]]]:
    """docname -> exercise label -> (answers, tolerance)."""
    return {docname: {label: (answers, tolerance) for label, answers, tolerance in noted}
            for docname, noted in ANSWERS.of(env).items()}
