"""Exercise variants: inputs declared as variables with ranges, answers as formulas of
them, so that a quiz (``make lms``) can give each student other numbers than the book's
public worked solution::

    :::{exercise} How thick for the same resistance?
    :label: ex-insulation-2
    :variables: R = 5.0 m²·K/W (4.0 to 6.0 step 0.5)
    A wall needs an added layer of insulation with an R-value of 5.0 m²·K/W. …
    :::

    :::{solution} ex-insulation-2
    :answer: 200 mm; 110 mm; 75 mm
    :formula: R * 0.040 * 1000; R * 0.022 * 1000; -
    …
    :::

A variable is a name, its base value as the statement writes it (number and unit), and the
values a variant may take. The book prints the base values; a variant writes its own number
in their place, with the base's decimals and thousands commas. There is one formula per
declared answer, in order; ``-`` means "the same for every variant". A formula is
arithmetic only (``+ - * / **``, brackets, numbers, the variables' names, ``min``,
``max``, ``round``), checked against a list of what it may contain and evaluated by
simpleeval, never by Python: chapters are untrusted.

Checked where written, with file and line (``handbook.variables``, ``handbook.answer``;
the faulty field is left out): bad syntax, a base value the statement does not contain,
a range that does not contain the base value, a formula with an unknown name or anything
beyond arithmetic, as many formulas as answers, and each formula at the base values
agreeing with the declared answer within the tolerance.
"""

from __future__ import annotations

import ast
import random
import re
from dataclasses import dataclass
from decimal import Decimal

from simpleeval import DEFAULT_OPERATORS, InvalidExpression, SimpleEval

from handbook.per_document import PerDocumentNames

# (docname) -> {(exercise label, variables)} and {(exercise label, formulas)}
VARIABLES = PerDocumentNames("handbook_exercise_variables")
FORMULAS = PerDocumentNames("handbook_exercise_formulas")

PLAIN_NUMBER = r"[−-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
DECLARATION = re.compile(
    rf"(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<base>(?P<number>{PLAIN_NUMBER})(?:\s*\S.*?)?)\s*"
    rf"\(\s*(?P<low>{PLAIN_NUMBER})\s+to\s+(?P<high>{PLAIN_NUMBER})\s+step\s+"
    rf"(?P<step>{PLAIN_NUMBER})\s*\)")
FUNCTIONS = {"min": min, "max": max, "round": round}
OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.USub, ast.UAdd)
ALLOWED_NODES = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Name, ast.Load, ast.Call,
                 ast.Constant) + OPERATORS
WHAT_A_FORMULA_MAY_HOLD = "+ - * / **, brackets, numbers, the variables' names, min, max, round"


class VariantError(ValueError):
    """A declaration or formula that cannot be used; the message says why."""


@dataclass(frozen=True)
class Variable:
    name: str
    text: str         # the base value as the statement writes it: "5.0 m²·K/W"
    number: str       # its number as written: "5.0"
    low: Decimal
    high: Decimal
    step: Decimal

    @property
    def base(self) -> Decimal:
        return decimal_of(self.number)

    @property
    def decimals(self) -> int:
        return decimals_of(self.number)

    def values(self) -> list[Decimal]:
        """Every value a variant may give it: low, low + step, … up to high."""
        count = int((self.high - self.low) / self.step) + 1
        return [self.low + index * self.step for index in range(count)]

    def written(self, value: Decimal) -> str:
        """*value* in the statement's words: the base's decimals, commas and unit."""
        return self.text.replace(self.number, format_like(self.number, value), 1)


def decimal_of(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("−", "-"))


def decimals_of(text: str) -> int:
    return len(text.partition(".")[2])


def format_like(base: str, value: Decimal) -> str:
    commas = "," in base or (abs(decimal_of(base)) < 1000 <= abs(value))
    text = f"{abs(value):{',' if commas else ''}.{decimals_of(base)}f}"
    return ("−" if "−" in base else "-") + text if value < 0 else text


def normalised(text: str) -> str:
    return " ".join(text.split())


def where_written(variable: Variable) -> re.Pattern:
    """The base value in a statement, not part of a longer number (5.0 in 15.0 or 5.05)."""
    return re.compile(rf"(?<![\d.,]){re.escape(variable.text)}(?![\d]|[.,]\d)")


# -- the exercise's :variables: -----------------------------------------------------------
def parse_variables(declared: str, statement: str) -> tuple[Variable, ...]:
    """The variables of *declared* (``;``-separated), checked against the *statement*."""
    variables: list[Variable] = []
    statement = normalised(statement)
    for part in (p.strip() for p in declared.split(";")):
        match = DECLARATION.fullmatch(part)
        if match is None:
            raise VariantError(f"{part!r} is not 'name = base value (low to high step s)', "
                               "for example 'area = 80 m² (60 to 120 step 5)'")
        name, text = match["name"], normalised(match["base"])
        variable = Variable(name, text, match["number"], decimal_of(match["low"]),
                            decimal_of(match["high"]), decimal_of(match["step"]))
        if name in FUNCTIONS or any(v.name == name for v in variables):
            raise VariantError(f"the name {name!r} is used twice, or is a function's")
        if any(v.text == text for v in variables):
            raise VariantError(f"two variables have the same base value {text!r}")
        if not where_written(variable).search(statement):
            raise VariantError(f"the base value {text!r} of {name!r} is not in the "
                               "exercise's statement, written just so")
        if variable.step <= 0 or variable.low >= variable.high:
            raise VariantError(f"the range of {name!r} must run from a low value up to a "
                               "higher one, by a step above zero")
        if not variable.low <= variable.base <= variable.high:
            raise VariantError(f"the range {match['low']} to {match['high']} of {name!r} "
                               f"does not contain its base value {match['number']}")
        finer = [n for n in ("low", "high", "step") if decimals_of(match[n]) > variable.decimals]
        if finer:
            raise VariantError(f"the {' and '.join(finer)} of {name!r} "
                               f"{'has' if len(finer) == 1 else 'have'} more decimals "
                               f"than its base value {match['number']}, which every variant "
                               "copies: write the base value with as many")
        variables.append(variable)
    return tuple(variables)


# -- the solution's :formula: -------------------------------------------------------------
def check_formula(formula: str, names: set[str]) -> None:
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError:
        raise VariantError(f"{formula.strip()!r} is not a formula") from None
    for node in ast.walk(tree):
        if not isinstance(node, ALLOWED_NODES) or (
                isinstance(node, ast.Constant) and type(node.value) not in (int, float)) or (
                isinstance(node, ast.Call) and (node.keywords or not isinstance(node.func, ast.Name)
                                                or node.func.id not in FUNCTIONS)):
            raise VariantError(f"{formula.strip()!r} may hold only {WHAT_A_FORMULA_MAY_HOLD}")
        if isinstance(node, ast.Name) and node.id not in names and node.id not in FUNCTIONS:
            raise VariantError(f"{formula.strip()!r} uses {node.id!r}, which is not a "
                               f"variable of the exercise ({', '.join(sorted(names))})")


def evaluate(formula: str, values: dict[str, float]) -> float:
    """The formula's value (a formula that passed ``check_formula``) at *values*."""
    evaluator = SimpleEval(operators={op: DEFAULT_OPERATORS[op] for op in OPERATORS},
                           functions=FUNCTIONS, names=values)
    try:
        result = evaluator.eval(formula.strip())
    except (InvalidExpression, ArithmeticError, TypeError, ValueError) as error:
        raise VariantError(f"{formula.strip()!r} cannot be worked out: {error}") from None
    if isinstance(result, bool) or not isinstance(result, (int, float)):
        raise VariantError(f"{formula.strip()!r} is not a number")
    return float(result)


def parse_formulas(declared: str, variables: tuple[Variable, ...],
                   answer_count: int) -> tuple[str | None, ...]:
    """One formula per answer (``None`` for ``-``), each checked."""
    formulas = [part.strip() for part in declared.split(";")]
    if len(formulas) != answer_count:
        raise VariantError(f"{len(formulas)} formulas for {answer_count} answers: give one "
                           "per answer, in order ('-' for one that every variant shares)")
    names = {variable.name for variable in variables}
    for formula in formulas:
        if formula != "-":
            check_formula(formula, names)
    return tuple(None if formula == "-" else formula for formula in formulas)


def base_values(variables: tuple[Variable, ...]) -> dict[str, float]:
    return {variable.name: float(variable.base) for variable in variables}


# -- variants ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Variant:
    values: dict[str, float]
    statement: str  # the statement with the variant's numbers


def variants(label: str, variables: tuple[Variable, ...], statement: str,
             count: int) -> list[Variant]:
    """Up to *count* variants, each with other numbers than the book's and than each
    other; the same ones in every build (the random choice is seeded by the label)."""
    choices = [variable.values() for variable in variables]
    sizes = [len(values) for values in choices]
    total = 1
    for size in sizes:
        total *= size
    base = combination_index([values.index(v.base) if v.base in values else None
                              for values, v in zip(choices, variables)], sizes)
    others = total - (base is not None)
    picked = random.Random(f"handbook-variants:{label}").sample(range(others), min(count, others))
    found = []
    for index in picked:
        if base is not None and index >= base:
            index += 1  # skip the book's own numbers
        chosen = [values[i] for values, i in zip(choices, digits(index, sizes))]
        text = written_with(statement, {v.text: v.written(value)
                                        for v, value in zip(variables, chosen)})
        found.append(Variant({v.name: float(value) for v, value in zip(variables, chosen)}, text))
    return found


def written_with(statement: str, replacements: dict[str, str]) -> str:
    """Every base value replaced at once (a variant's number may be another's base)."""
    texts = sorted(replacements, key=len, reverse=True)
    pattern = re.compile(r"(?<![\d.,])(?:" + "|".join(map(re.escape, texts)) + r")(?![\d]|[.,]\d)")
    return pattern.sub(lambda match: replacements[match.group()], statement)


def combination_index(positions: list[int | None], sizes: list[int]) -> int | None:
    if any(position is None for position in positions):
        return None  # the base value lies between two steps: no variant can repeat it
    index = 0
    for position, size in zip(positions, sizes):
        index = index * size + position
    return index


def digits(index: int, sizes: list[int]) -> list[int]:
    found = []
    for size in reversed(sizes):
        index, position = divmod(index, size)
        found.append(position)
    return found[::-1]
