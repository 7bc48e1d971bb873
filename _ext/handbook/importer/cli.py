"""The ``handbook`` console command.

    handbook import PAGE.md... [--into book/] [--force] [--strict] [--static DIR] [--part PART]

Exit status: 0 when every page was imported (or was already there, unchanged); 1 when a
page was not written (it would overwrite a different chapter without ``--force``, it has
constructs that could not be converted under ``--strict``, it cannot be read or placed)
or the run could not start; 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from handbook.importer.report import display_path, plural
from handbook.importer.run import ImportFailed, ImportOptions, import_pages


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handbook", description="Tools of the Climate Solutions Handbook.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    importer = commands.add_parser(
        "import", help="convert Docusaurus pages of the old site into chapters of the book",
        description="Convert Docusaurus pages of the old site into chapters of the book (or, "
                    "for a sector page, into its part's introduction) and list them in the "
                    "book's toctrees. Prints, for every page, what was converted and every "
                    "construct that was not, with its line.")
    importer.add_argument("pages", nargs="+", type=Path, metavar="PAGE.md",
                          help="Docusaurus pages (Markdown/MDX)")
    importer.add_argument("--into", type=Path, default=Path("book"), metavar="BOOK",
                          help="the book's source folder (default: book/)")
    importer.add_argument("--force", action="store_true",
                          help="overwrite a chapter or part introduction that exists and differs")
    importer.add_argument("--strict", action="store_true",
                          help="any construct that cannot be converted is an error: the page "
                               "is not written and the exit status is 1")
    importer.add_argument("--static", type=Path, action="append", default=[], metavar="DIR",
                          help="the old site's static/ folder, where pictures are looked for "
                               "(may be given more than once)")
    importer.add_argument("--part", metavar="PART",
                          help="the part for pages whose title is no Project Drawdown solution "
                               "(a part folder of the book or a sector name)")
    importer.add_argument("--data", type=Path, metavar="CSV",
                          help="Project Drawdown's solutions (default: the project's "
                               "data/drawdown-solutions.csv)")
    return parser


def run_import(args: argparse.Namespace) -> int:
    options = ImportOptions(into=args.into, force=args.force, strict=args.strict,
                            static=args.static, part=args.part, data=args.data)
    try:
        reports = import_pages(args.pages, options)
    except ImportFailed as error:
        print(f"handbook import: {error}", file=sys.stderr)
        return 1
    for report in reports:
        print(report.format())
        print()
    statuses = Counter(report.status or "failed" for report in reports)
    problems = sum(len(report.problems) for report in reports)
    done = ", ".join(f"{n} {status}" for status, n in statuses.items())
    print(f"{plural('page', len(reports))} into {display_path(args.into)}: {done}; "
          f"{problems} construct(s) not converted" + (" (listed above)" if problems else ""))
    failed = [report for report in reports if report.failed]
    for report in failed:
        for message in report.errors:
            print(f"handbook import: {display_path(report.source)}: {message}", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "import":
        return run_import(args)
    return 2  # argparse has already refused anything else


if __name__ == "__main__":
    sys.exit(main())
