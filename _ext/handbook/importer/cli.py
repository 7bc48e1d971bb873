"""The ``handbook`` console command.

    handbook import [PAGE.md...] [--site DIR] [--report FILE.json] [--into book/] [--force]
                    [--strict] [--static DIR] [--part PART]

With ``--site`` and no pages, every solution and sector page of the site's ``docs/`` is
imported (``solution-*.md`` and ``sector-*.md``: the pages the book has a place for).

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
from handbook.importer.report_json import write_report
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
    importer.set_defaults(command_parser=importer)  # for its own usage errors
    importer.add_argument("pages", nargs="*", type=Path, metavar="PAGE.md",
                          help="Docusaurus pages (Markdown/MDX); with --site and none, every "
                               "solution-*.md and sector-*.md page of the site's docs/")
    importer.add_argument("--site", type=Path, metavar="DIR",
                          help="the Docusaurus site's root: pictures are looked for in its "
                               "static/ and docs/ folders, and its sidebars.js (or generated "
                               "sidebar) orders the chapters in each part")
    importer.add_argument("--report", type=Path, metavar="FILE.json",
                          help="also write the report as JSON (schema: "
                               "handbook/importer/report.schema.json)")
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


def site_pages(site: Path) -> list[Path]:
    docs = site / "docs"
    return sorted(path for pattern in ("solution-*.md*", "sector-*.md*")
                  for path in docs.glob(pattern) if path.suffix in (".md", ".mdx"))


def run_import(args: argparse.Namespace) -> int:
    pages = args.pages or site_pages(args.site)
    options = ImportOptions(into=args.into, force=args.force, strict=args.strict,
                            static=args.static, part=args.part, data=args.data, site=args.site)
    try:
        reports = import_pages(pages, options)
    except ImportFailed as error:
        print(f"handbook import: {error}", file=sys.stderr)
        return 1
    if args.report is not None:
        try:
            write_report(args.report, reports, args.into, args.site)
        except OSError as error:
            print(f"handbook import: cannot write the report {args.report}: "
                  f"{error.strerror or error}", file=sys.stderr)
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
        # Usage errors (status 2), before anything is read or written.
        if args.site is not None and not (args.site / "docs").is_dir():
            args.command_parser.error(f"--site {args.site}: no docs/ folder there (give the root of the "
                         "Docusaurus site)")
        if not args.pages and (args.site is None or not site_pages(args.site)):
            args.command_parser.error("give the pages to import, or --site with solution-*.md and "
                         "sector-*.md pages in its docs/")
        return run_import(args)
    return 2  # argparse has already refused anything else


if __name__ == "__main__":
    sys.exit(main())
