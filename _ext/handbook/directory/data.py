"""The ``handbook`` domain: every company, case study and solution chapter, gathered per chapter.

Each chapter's records are kept under its docname, so ``clear_doc`` and
``merge_domaindata`` are exact: an incremental or parallel build holds the same data as
a clean serial one. The directory, the index and the JSON exports are derived from it
when they are written (``companies()`` and ``case_studies()``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole

from handbook.at_a_glance import solution_glance
from handbook.case_study import case_study
from handbook.common.company_key import company_key
from handbook.company_panel import company_panel
from handbook.untrusted.invisible_characters import checked_name
from handbook.validation import warn

DIRECTORY_DOC_KEY = "directory_pages"
DOC_KEYS = ("companies", "case_studies", "solutions", DIRECTORY_DOC_KEY)  # all kept per docname


def company_anchor(name: str) -> str:
    return nodes.make_id(f"company-{company_key(name)}")


def same_url(a: str, b: str) -> bool:
    return a.rstrip("/").casefold() == b.rstrip("/").casefold()


def reading_order(env: BuildEnvironment) -> list[str]:
    """Every document reachable from the root toctree, depth first, as a reader meets them."""
    order: list[str] = []

    def visit(docname: str) -> None:
        if docname in order:
            return
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            visit(child)

    visit(env.config.root_doc)
    return order


@dataclass
class CompanyEntry:
    """One company of the directory, merged from every place that names it."""

    name: str
    url: str
    description: str
    places: list[dict] = field(default_factory=list)  # company records, in book order

    @property
    def anchor(self) -> str:
        return company_anchor(self.name)

    @property
    def docnames(self) -> list[str]:
        return list(dict.fromkeys(place["docname"] for place in self.places))


class CompanyRole(XRefRole):
    """``{company}`Daikin``` links to the company's entry in the directory."""

    def run(self):
        # An invisible character would make another company of the same-looking name.
        self.target = checked_name(self.target, "{company}", self.get_location())
        self.title = (checked_name(self.title, "{company} text", self.get_location())
                      if self.has_explicit_title else self.target)
        self.refdomain, self.reftype = "handbook", "company"
        self.classes = ["xref", "hb-company-ref"]
        return self.create_xref_node()


class HandbookDomain(Domain):
    name = "handbook"
    label = "Climate Solutions Handbook"
    # Company names are prose, not code: plain text, not the literal XRefRole gives.
    roles = {"company": CompanyRole(innernodeclass=nodes.inline)}
    initial_data = {
        "companies": {},      # docname -> [record: name, url, description, anchor, line]
        # docname -> [record: title, region, sector, countries, world_regions, url, company,
        #             anchor, line]
        "case_studies": {},
        "solutions": {},      # docname -> the Drawdown solution its chapter covers
        DIRECTORY_DOC_KEY: {},  # docname -> kinds of listing it shows ("companies", "case-studies")
    }

    # -- gathering -------------------------------------------------------------------
    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        self.forget_derived_views()
        companies = []
        for panel in document.findall(company_panel):
            for item in panel.findall(nodes.list_item):
                companies.append({"name": item["company"], "url": item["url"],
                                  "description": item["description"],
                                  "anchor": panel["ids"][0], "line": item.line or panel.line})
        for study in document.findall(case_study):
            if study["company"]:
                companies.append({"name": study["company"], "url": "", "description": "",
                                  "anchor": study["ids"][0], "line": study.line})
        studies = [{"title": s["title"], "region": s["region"], "sector": s["sector"],
                    "countries": s.get("countries", []),
                    "world_regions": s.get("world_regions", []),
                    "url": s["url"], "company": s["company"], "anchor": s["ids"][0],
                    "line": s.line} for s in document.findall(case_study)]
        for box in document.findall(solution_glance):
            self.data["solutions"][docname] = box["solution"]
        if companies:
            self.data["companies"][docname] = companies
        if studies:
            self.data["case_studies"][docname] = studies

    def note_directory_page(self, docname: str, kind: str) -> None:
        kinds = self.data[DIRECTORY_DOC_KEY].setdefault(docname, [])
        if kind not in kinds:
            kinds.append(kind)

    def clear_doc(self, docname: str) -> None:
        self.forget_derived_views()
        for key in DOC_KEYS:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict) -> None:
        self.forget_derived_views()
        for key in DOC_KEYS:
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    # -- derived views ---------------------------------------------------------------
    def forget_derived_views(self) -> None:
        self.__dict__.pop("known_company_keys", None)

    @cached_property
    def known_company_keys(self) -> frozenset[str]:
        """What {company} may name: the companies of the panels (those with a website).
        Kept until the companies change: every {company} of the book asks, and working it
        out each time made the book's build grow with the square of its chapters."""
        return frozenset(company_key(record["name"])
                         for records in self.data["companies"].values() for record in records
                         if record["url"])

    def directory_pages(self, kind: str | None = None) -> list[str]:
        """Pages that list companies or case studies (of one *kind*, if given)."""
        return sorted(docname for docname, kinds in self.data[DIRECTORY_DOC_KEY].items()
                      if kind is None or kind in kinds)

    def ordered_docnames(self, docnames: Iterable[str]) -> list[str]:
        """Docnames in the book's reading order (then by name, for pages in no toctree)."""
        order = {name: i for i, name in enumerate(reading_order(self.env))}
        return sorted(docnames, key=lambda d: (order.get(d, len(order)), d))

    def companies(self, *, report: bool = False) -> list[CompanyEntry]:
        """Every company once, alphabetically; with *report*, conflicts are warnings."""
        entries: dict[str, CompanyEntry] = {}
        pending_case_companies = []
        for docname in self.ordered_docnames(self.data["companies"]):
            for record in self.data["companies"][docname]:
                record = {**record, "docname": docname}
                if not record["url"]:  # named by a case study only
                    pending_case_companies.append(record)
                    continue
                key = company_key(record["name"])
                entry = entries.get(key)
                if entry is None:
                    entries[key] = CompanyEntry(record["name"], record["url"],
                                                record["description"], [record])
                    continue
                if report:
                    self.report_conflict(entry, record)
                entry.places.append(record)
        for record in pending_case_companies:
            entry = entries.get(company_key(record["name"]))
            if entry is None:
                if report:
                    warn(f"case study company {record['name']!r} is in no company panel of the "
                         "book: add it to the chapter's panel (with its website and description)",
                         "unknown-company", (record["docname"], record["line"]))
                continue
            entry.places.append(record)
        return sorted(entries.values(), key=lambda e: (company_key(e.name), e.name))

    def report_conflict(self, entry: CompanyEntry, record: dict) -> None:
        first = entry.places[0]
        where = f"{self.env.doc2path(first['docname'])}:{first['line']}"
        if not same_url(entry.url, record["url"]):
            warn(f"company {record['name']!r} has the website {record['url']} here but "
                 f"{entry.url} at {where}", "company-conflict",
                 (record["docname"], record["line"]))
        elif " ".join(entry.description.split()) != " ".join(record["description"].split()):
            warn(f"company {record['name']!r} is described as {record['description']!r} here "
                 f"but as {entry.description!r} at {where}; give it one description",
                 "company-conflict", (record["docname"], record["line"]))

    def case_studies(self) -> list[dict]:
        """Every case study with its docname, in book order."""
        return [{**record, "docname": docname}
                for docname in self.ordered_docnames(self.data["case_studies"])
                for record in self.data["case_studies"][docname]]

    # -- the {company} role ------------------------------------------------------------
    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder,
                     typ: str, target: str, node: addnodes.pending_xref,
                     contnode: nodes.Element) -> nodes.reference | None:
        key = company_key(target)
        known = self.known_company_keys
        pages = self.directory_pages("companies")
        if key not in known or not pages:
            reason = "is in no company panel of the book" if key not in known else \
                "cannot be linked: the book has no company directory page"
            warn(f"{{company}} {target!r} {reason}", "unknown-company", node)
            return contnode
        reference = nodes.reference("", "", internal=True, classes=["hb-company-ref"])
        reference["refuri"] = (builder.get_relative_uri(fromdocname, pages[0])
                               + "#" + company_anchor(target))
        reference += contnode
        return reference

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    def get_objects(self):
        return []
