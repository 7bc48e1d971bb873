"""Course packs: a teacher's choice of chapters, as a landing page and as a PDF.

A teacher writes ``courses/<name>.yml``::

    title: Heating without fossil fuels        # required
    subtitle: A four-week module                # optional
    instructor: A. Teacher                      # optional
    chapters:                                   # required: chapter ids, in teaching order
      - buildings/insulation
      - buildings/high-efficiency-heat-pumps

Here a course file is read and checked, and turned into its landing page and its pack's
root page; ``course_packs.py`` writes them and configures the pack's PDF.
A course file with broken YAML, a missing field or an unknown chapter is a warning at its
file and line (an error under ``-W``); ``make course`` with such a file stops with it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.common import yaml_source
from handbook.common.book_layout import GENERATED
from handbook.common.characters import (
    HIDDEN_CONTROLS,
    describe,
    refused_characters,
)
from handbook.common.links import refused_links_in
from handbook.untrusted.source_files import read_source

LANDING_PAGES = Path(GENERATED) / "courses"
PACK_ROOTS = Path(GENERATED) / "course-packs"
FIELDS = {"title": True, "subtitle": False, "instructor": False, "chapters": True}


class CourseError(Exception):
    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class Course:
    name: str
    title: str
    subtitle: str
    instructor: str
    chapters: tuple[str, ...]


COURSE_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def text_problem(text: str) -> str | None:
    """Why a course's title, subtitle or instructor cannot be printed as written."""
    if not text.strip():
        return "is empty"
    hidden = [describe(char) for char in dict.fromkeys(text)
              if HIDDEN_CONTROLS.match(char) or char in refused_characters(text)
              or (unicodedata.category(char) == "Cc" and char not in "\n\t")]
    if hidden:
        return f"holds {', '.join(hidden)}, which a reader cannot see"
    for url in refused_links_in(text):
        return f"holds a link to {url[:40]!r}; only http, https and mailto links are allowed"
    return None


def load_course(path: Path, known_chapters: dict[str, str]) -> Course:
    if not COURSE_NAME.fullmatch(path.stem):
        raise CourseError(path, 1, f"a course file is named in lower-case letters, digits and "
                                   f"hyphens (it becomes a web address and a PDF name), not "
                                   f"{path.stem!r}")
    try:
        root = yaml_source.parse(read_source(path))  # a bad byte: warned at its line
    except yaml_source.YamlProblem as problem:
        raise CourseError(path, problem.line + 1, str(problem)) from None
    if not isinstance(root, yaml.MappingNode):
        raise CourseError(path, 1, "a course file is a mapping with title, chapters and "
                                   "optionally subtitle and instructor")
    fields = yaml_source.mapping_items(root)
    for key, item in fields.items():
        if key not in FIELDS:
            raise CourseError(path, item.line + 1, f"unknown field {key!r}; allowed: "
                                                   f"{', '.join(FIELDS)}")
    for key, required in FIELDS.items():
        if required and key not in fields:
            raise CourseError(path, 1, f"the field {key!r} is missing")
    for key in ("title", "subtitle", "instructor"):
        if key in fields and not isinstance(fields[key].value, str):
            raise CourseError(path, fields[key].line + 1, f"{key!r} must be text")
        if key in fields and (problem := text_problem(fields[key].value)):
            raise CourseError(path, fields[key].line + 1, f"{key!r} {problem}")
    chapters = fields["chapters"]
    if not isinstance(chapters.value, list) or not chapters.value:
        raise CourseError(path, chapters.line + 1, "'chapters' must be a list of chapter ids")
    chapter_nodes = next(value for key, value in root.value if key.value == "chapters").value
    for node in chapter_nodes:
        chapter = yaml_source.to_python(node)
        if not isinstance(chapter, str):
            raise CourseError(path, node.start_mark.line + 1,
                              f"a chapter id is text like 'buildings/insulation', not {chapter!r}")
        if chapter not in known_chapters:
            raise CourseError(path, node.start_mark.line + 1,
                              f"unknown chapter id {chapter!r}; known: "
                              f"{', '.join(sorted(known_chapters))}")
    if len(set(chapters.value)) != len(chapters.value):
        raise CourseError(path, chapters.line + 1, "a chapter is listed twice")
    return Course(path.stem, fields["title"].value.strip(),
                  (fields.get("subtitle") or yaml_source.Located("", 0)).value.strip(),
                  (fields.get("instructor") or yaml_source.Located("", 0)).value.strip(),
                  tuple(chapters.value))


def as_markdown_text(text: str) -> str:
    """A teacher's text as Markdown that prints it as written: one line, and every ASCII
    punctuation mark escaped, so that nothing in it is read as markup (a tag, a role,
    a substitution)."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", " ".join(text.split()))


def landing_page(course: Course, titles: dict[str, str]) -> str:
    lines = [f"# {as_markdown_text(course.title)}", ""]
    if course.subtitle:
        lines += [f"*{as_markdown_text(course.subtitle)}*", ""]
    if course.instructor:
        lines += [f"Instructor: {as_markdown_text(course.instructor)}", ""]
    lines += ["A course pack of the Climate Solutions Handbook. Its chapters, in teaching order:",
              ""]
    lines += [f"{n}. [{titles[c]}](/{c}.md)" for n, c in enumerate(course.chapters, start=1)]
    lines += ["", f"The printed pack: `make course COURSE={course.name}` builds "
                  f"`_build/pdf/courses/{course.name}.pdf`.", ""]
    return "\n".join(lines)


def pack_root(course: Course) -> str:
    """The root of the course's PDF: its chapters in order (the glossary follows them)."""
    entries = "\n".join(f"/{chapter}" for chapter in course.chapters)
    return f"# {as_markdown_text(course.title)}\n\n```{{toctree}}\n:maxdepth: 2\n\n{entries}\n```\n"
