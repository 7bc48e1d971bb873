"""sphinx-exercise's mistakes in a chapter, reported at the chapter's file and line.

sphinx-exercise reports a solution whose exercise does not exist as
``book/buildings/index.rst: WARNING: undefined label`` (a file that does not exist,
no line), and only the first one of a page; in the PDF build the same mistake is a
traceback. A label used twice is reported at the page without a line, and
``exercise-start``/``-end`` that do not pair up stop the build with an "Extension
error" (or a traceback in the writer).

Here:

- the exercise and solution directives give their nodes the directive's own line
  (sphinx-exercise leaves the line of the last line of content) and report a label
  used twice at both places (``handbook.duplicate-label``);
- once every page is read, a solution whose target is no exercise is a warning at
  the solution's line (``handbook.unknown-exercise``), and is left out of the output
  before sphinx-exercise's own post-transform could fail on it;
- gated directives that do not pair up are warnings at their lines
  (``handbook.gated-exercise``), and the unpaired markers are dropped.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_exercise.directive import (
    ExerciseDirective,
    ExerciseEndDirective,
    ExerciseStartDirective,
    SolutionDirective,
    SolutionEndDirective,
    SolutionStartDirective,
)
from sphinx_exercise.nodes import (
    exercise_end_node,
    exercise_enumerable_node,
    exercise_node,
    solution_end_node,
    solution_node,
    solution_start_node,
)

from handbook.exercise_metadata import (
    ANSWERS,
    EXERCISE_OPTIONS,
    SOLUTION_OPTIONS,
    ExerciseMetadataMixin,
    SolutionAnswersMixin,
)
from handbook.exercise_variants import FORMULAS, VARIABLES
from handbook.validation import warn


def registry(env: BuildEnvironment) -> dict:
    return getattr(env, "sphinx_exercise_registry", {})


def is_exercise(env: BuildEnvironment, label: str | None) -> bool:
    entry = registry(env).get(label)
    return entry is not None and entry["type"].startswith("exercise")


class LocatedMixin:
    """The directive's line on its nodes and registry entry; duplicates located."""

    def run(self) -> list[nodes.Node]:
        result = super().run()
        source, line = self.get_source_info()
        for node in result:
            if isinstance(node, nodes.Element) and not isinstance(node, nodes.system_message):
                node.source, node.line = source, line
        # The registry's node (a copy, for an exercise; the only one, for a :hidden:
        # solution) is this directive's if it carries the serial number the directive gave
        # it (a duplicate label's entry is the first directive's).
        serial = getattr(self, "serial_number", None)  # the -end directives have none
        if serial is not None:
            node = self.registry_node(serial)
            if node is not None:
                node.source, node.line = source, line
        return result

    def registry_node(self, serial: int) -> nodes.Element | None:
        # Under the label sphinx-exercise gave it: the :label:, or one made of the page,
        # the kind and the serial number (looked up: a search of every exercise of the
        # book for each directive made the build grow with the square of the chapters).
        kind = self.name.split("-")[0]
        label = self.options.get("label", "") or f"{self.env.docname}-{kind}-{serial}"
        entry = registry(self.env).get(label)
        if entry and entry["docname"] == self.env.docname \
                and entry["node"].get("serial_number") == serial:
            return entry["node"]
        return None

    def duplicate_labels(self, label: str) -> bool:
        other = registry(self.env).get(label) if label else None
        if other is None:
            return False
        where = str(self.env.doc2path(other["docname"]))
        if getattr(other["node"], "line", None):
            where += f":{other['node'].line}"
        warn(f"{self.name}: the label {label!r} is already used at {where}; this "
             f"{self.name.split('-')[0]} is left out", "duplicate-label", self.get_location())
        return True


class LocatedExercise(ExerciseMetadataMixin, LocatedMixin, ExerciseDirective):
    option_spec = {**ExerciseDirective.option_spec, **EXERCISE_OPTIONS}


class LocatedExerciseStart(ExerciseMetadataMixin, LocatedMixin, ExerciseStartDirective):
    option_spec = {**ExerciseStartDirective.option_spec, **EXERCISE_OPTIONS}


class LocatedExerciseEnd(LocatedMixin, ExerciseEndDirective):
    pass


class LocatedSolution(SolutionAnswersMixin, LocatedMixin, SolutionDirective):
    option_spec = {**SolutionDirective.option_spec, **SOLUTION_OPTIONS}


class LocatedSolutionStart(SolutionAnswersMixin, LocatedMixin, SolutionStartDirective):
    option_spec = {**SolutionStartDirective.option_spec, **SOLUTION_OPTIONS}


class LocatedSolutionEnd(LocatedMixin, SolutionEndDirective):
    pass


LOCATED_DIRECTIVES = {
    "exercise": LocatedExercise, "exercise-start": LocatedExerciseStart,
    "exercise-end": LocatedExerciseEnd, "solution": LocatedSolution,
    "solution-start": LocatedSolutionStart, "solution-end": LocatedSolutionEnd,
}


def use_located_directives(app: Sphinx, config: Config) -> None:
    # At config-inited, so that sphinx-exercise (listed before or after us) is loaded.
    if "sphinx_exercise" in app.extensions:
        for name, directive in LOCATED_DIRECTIVES.items():
            app.add_directive(name, directive, override=True)


# -- solutions whose exercise does not exist ----------------------------------------------
def report_unknown_exercises(app: Sphinx, env: BuildEnvironment) -> None:
    solutions = [entry for entry in registry(env).values()
                 if entry["type"].startswith("solution")]
    for entry in sorted(solutions, key=lambda e: (e["docname"], e["node"].line or 0)):
        target = entry["node"].get("target_label")
        if is_exercise(env, target):
            continue
        why = ("is the label of a solution, not of an exercise" if target in registry(env)
               else "is the label of no exercise in the book")
        warn(f"solution to {target!r}: {target!r} {why}; the solution is left out",
             "unknown-exercise", (entry["docname"], entry["node"].line))


class DropSolutionsOfUnknownExercises(SphinxPostTransform):
    """Before sphinx-exercise titles solutions (priority 21), where such a solution
    would end its work on the page, or fail in the PDF build."""

    default_priority = 15

    def run(self) -> None:
        for solution in list(self.document.findall(solution_node)):
            if not is_exercise(self.env, solution.get("target_label")):
                solution.parent.remove(solution)


# -- exercise-start / exercise-end, solution-start / solution-end ---------------------------
def gated_marker(node: nodes.Node) -> tuple[str, str] | None:
    """("exercise" or "solution", "start" or "end") for a gated directive's node."""
    if isinstance(node, (exercise_node, exercise_enumerable_node)):
        return ("exercise", "start") if getattr(node, "gated", False) else None
    if isinstance(node, exercise_end_node):
        return "exercise", "end"
    if isinstance(node, solution_start_node):
        return "solution", "start"
    if isinstance(node, solution_end_node):
        return "solution", "end"
    return None


class CheckGatedExercises(SphinxTransform):
    """Runs before sphinx-exercise's own check (priority 1), which raises an error with
    no location; unpaired markers are reported and dropped, the rest pair up."""

    default_priority = 0

    def apply(self) -> None:
        gated = getattr(self.env, "sphinx_exercise_gated_registry", {})
        if self.env.docname not in gated:
            return  # the page has no gated directive (each one notes its page there)
        unpaired: list[tuple[nodes.Element, str]] = []
        start, start_kind = None, ""  # the start waiting for its end
        for node in self.document.findall(nodes.Element):
            marker = gated_marker(node)
            if marker is None:
                continue
            kind, edge = marker
            if edge == "start":
                if start is not None:
                    unpaired.append((start, f"{start_kind}-start has no {start_kind}-end "
                                            "before the next start"))
                start, start_kind = node, kind
            elif start is None or start_kind != kind or start.parent is not node.parent:
                unpaired.append((node, f"{kind}-end has no {kind}-start before it (at the "
                                       "same level)"))
            else:
                start = None
        if start is not None:
            unpaired.append((start, f"{start_kind}-start has no {start_kind}-end after it"))
        for node, message in sorted(unpaired, key=lambda found: found[0].line or 0):
            warn(f"{message}; it is left out", "gated-exercise", node)
            node.parent.remove(node)
        # Checked here, with lines: sphinx-exercise's own check would only repeat it
        # (and it never forgets a page's markers: after an edit it counts the old ones too).
        gated.pop(self.env.docname, None)


def setup_exercise_checks(app: Sphinx) -> None:
    app.connect("config-inited", use_located_directives)
    for noted in (ANSWERS, VARIABLES, FORMULAS):
        noted.connect(app)
    app.connect("env-check-consistency", report_unknown_exercises)
    app.add_transform(CheckGatedExercises)
    app.add_post_transform(DropSolutionsOfUnknownExercises)
