"""Say which chapter broke a failed LaTeX run: ``python -m handbook.editions.failure_report LATEX_DIR SRC``.

LaTeX reports errors against the one big .tex file; a contributor needs the chapter.
Sphinx marks the start of every chapter in that file with ``\\label{\\detokenize{<docname>::doc}}``,
so the chapter is the last such label before the line of the first error.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_ERROR = re.compile(r"^! (?P<message>.+)$", re.M)
_ERROR_LINE = re.compile(r"^l\.(?P<line>\d+) ", re.M)
_FILE_LINE_ERROR = re.compile(r"^[^\s:]+\.tex:(?P<line>\d+): (?P<message>.+)$", re.M)
_FILE_IN_MESSAGE = re.compile(r"\(file (?P<name>[^)\s]+)\)")
_CHAPTER_LABEL = re.compile(r"\\label\{\\detokenize\{(?P<docname>[^}]+)::doc\}\}")


def first_error(log: str) -> tuple[str, int | None]:
    """The first error message in a LaTeX log and the .tex line it names, if any."""
    match = _FILE_LINE_ERROR.search(log)
    if match:
        return match.group("message"), int(match.group("line"))
    match = _ERROR.search(log)
    if not match:
        return "LaTeX stopped without an error message (see the log)", None
    line = _ERROR_LINE.search(log, match.end())
    return match.group("message"), int(line.group("line")) if line else None


def chapter_at(tex: str, line: int) -> str | None:
    docname = None
    for number, text in enumerate(tex.splitlines()[:line], start=1):
        found = _CHAPTER_LABEL.search(text)
        if found:
            docname = found.group("docname")
    return docname


def line_naming_file(tex: str, message: str) -> int | None:
    """Errors about a file (a broken picture) give no line: find where the .tex uses it."""
    match = _FILE_IN_MESSAGE.search(message)
    if match:
        stem = Path(match.group("name")).stem
        for number, text in enumerate(tex.splitlines(), start=1):
            if stem in text and "includegraphics" in text:
                return number
    return None


def report(log_path: Path, tex_path: Path, source_dir: Path) -> str:
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
    message, line = first_error(log)
    where = "the book"
    tex = tex_path.read_text(encoding="utf-8", errors="replace") if tex_path.exists() else ""
    if line is None:
        line = line_naming_file(tex, message)
    if line is not None:
        docname = chapter_at(tex, line)
        if docname:
            where = f"chapter {docname} ({source_dir / docname}.md)"
    return (f"The PDF edition failed in {where}: LaTeX says: {message}\n"
            f"(full log: {log_path}; no PDF was written)")


def main() -> int:
    latex_dir, source = Path(sys.argv[1]), Path(sys.argv[2])
    for tex in sorted(latex_dir.glob("*.tex")):
        log = tex.with_suffix(".log")
        if log.exists() and _ERROR.search(log.read_text(encoding="utf-8", errors="replace")):
            print(report(log, tex, source), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
