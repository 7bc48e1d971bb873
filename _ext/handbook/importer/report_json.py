"""``handbook import --report FILE.json``: the run's report as data, for tools and editors'
checklists. The schema is ``report.schema.json`` (beside this file); the text report
(``report.py``) says the same for people.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from handbook.importer.report import Finding, PageReport, display_path, sorted_findings

SCHEMA_FILE = Path(__file__).with_name("report.schema.json")
SCHEMA_ID = "handbook-import-report/1"


def findings(items: list[Finding]) -> list[dict]:
    return [{"line": f.line, "message": f.message} for f in sorted_findings(items)]


def page_data(report: PageReport) -> dict:
    return {
        "source": display_path(report.source),
        "target": display_path(report.target) if report.target is not None else None,
        "status": report.status or "failed",
        "part": report.part,
        "converted": {kind: n for kind, n in sorted(report.counts.items()) if n},
        "case_studies": sorted(report.case_studies, key=lambda s: s["line"]),
        "pictures": sorted(report.pictures, key=lambda p: p["line"]),
        "to_fill_in": findings(report.to_fill_in),
        "notes": findings(report.notes),
        "not_converted": findings(report.problems),
        "errors": list(report.errors),
    }


def report_data(reports: list[PageReport], book: Path, site: Path | None) -> dict:
    pages = [page_data(report) for report in reports]
    statuses = Counter(page["status"] for page in pages)
    return {
        "schema": SCHEMA_ID,
        "book": display_path(book),
        "site": display_path(site) if site is not None else None,
        "summary": {
            "pages": len(pages),
            "statuses": dict(sorted(statuses.items())),
            "case_studies": sum(len(page["case_studies"]) for page in pages),
            "to_fill_in": sum(len(page["to_fill_in"]) for page in pages),
            "not_converted": sum(len(page["not_converted"]) for page in pages),
            "pictures_on_other_sites": sum(1 for page in pages for picture in page["pictures"]
                                           if picture["outcome"] == "on another site"),
        },
        "pages": pages,
    }


def write_report(path: Path, reports: list[PageReport], book: Path, site: Path | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = report_data(reports, book, site)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
