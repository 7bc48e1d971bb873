"""A synthetic book of N chapters shaped like the real ones, for the build benchmark.

Each chapter has what a chapter of book/ has, in the same order and about the same amount
(``--compare`` prints both): the front matter of a real Drawdown solution (so the At a
glance box is built), a learning-objectives box, a figure with its picture record, a
company panel of five (one company shared by every chapter, four of its own) and company
links in the text, the usual sections in varied prose with glossary links and footnote
citations, a captioned table that the text cites with {numref}, a Learn More box, links to
other chapters, four case studies with region, sector, link, name and (some) company, key
terms, discussion questions, four exercises with metadata and worked solutions whose
declared answers the answer check accepts, factors from data/factors.csv, a teaching note,
and the chapter's sources (its own .bib file in references/, entries shaped like the real
ones) at the end. Chapters are grouped in parts of ten, as the book's 93 are in ten parts.

The prose is sentences of the real chapters, shuffled per chapter with a fixed seed: text
that is varied as the book's is (one repeated sentence would index and compress unlike
it), and the same for a given book/ and size. The reference pages (preface, glossary,
answer key, directories, units and factors, licence) are the real ones.

    .venv/bin/python benchmarks/synthetic_book.py --compare [chapters]
"""

from __future__ import annotations

import csv
import random
import re
import shutil
import statistics
import sys
import tempfile
from functools import cache
from pathlib import Path

from handbook.common.drawdown_data import load_solutions

REPO = Path(__file__).resolve().parents[1]
BOOK = REPO / "book"
PART_SIZE = 10
REFERENCE_PAGES = ("preface", "solutions-at-a-glance", "answers", "glossary", "units-and-factors",
                   "companies", "case-studies", "licence")
SHARED_COMPANY = ("Shared Example Company", "https://shared.example.org",
                  "Appears in every chapter of the synthetic book.")
SOURCES_PER_CHAPTER = 24  # the real chapters' median .bib size
REGIONS = ("Europe", "United States", "India", "Kenya", "Brazil", "China", "Germany",
           "Copenhagen, Denmark", "California, United States", "Global", "South Asia", "Japan")
CASE_SECTORS = ("Residential", "Commercial", "Industrial", "Public and institutional",
                "Utilities and networks", "Agriculture and food", "Transport")
OBJECTIVE_VERBS = ("explain", "calculate", "compare", "identify")
SECTIONS = (("Progress Made", 5, 3), ("Lessons Learned", 5, 2), ("Challenges Ahead", 6, 2),
            ("Best Path Forward", 6, 2))  # (title, items, sentences per item)


# -- material from the real book ------------------------------------------------------------
def real_chapters() -> list[Path]:
    return sorted(p for p in BOOK.glob("*/*.md") if p.name != "index.md")


ROLE_KEPT = re.compile(r"\{(?:term|company)\}`([^`<]*?)\s*(?:<[^`]*>)?`")
FOOTCITE_P = re.compile(r"\s*\{footcite:p\}`[^`]*`")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")
NOT_PROSE = re.compile(r"[`{}\[\]<>|$\\*_#~^]")


@cache
def sentences() -> tuple[str, ...]:
    """The real chapters' prose sentences, with glossary, company and citation markup
    taken out; sentences with other markup (factors, references, maths) are left out."""
    found: dict[str, None] = {}
    for path in real_chapters():
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        body = body.split("## For the classroom", 1)[0]  # not the exercises' questions
        for block in body.split("\n\n"):
            block = block.strip()
            if not block or block[0] in "`:#|(-" or block.startswith(("```", ":::")):
                continue
            text = re.sub(r"^\d+\.\s+(\*\*[^*]*\*\*:\s*)?", "", " ".join(block.split()))
            text = LINK.sub(r"\1", FOOTCITE_P.sub("", ROLE_KEPT.sub(r"\1", text)))
            for sentence in SENTENCE_END.split(text):
                if sentence.endswith(".") and not re.search(r"\d\.$", sentence) and 8 <= len(sentence.split()) <= 45 \
                        and not NOT_PROSE.search(sentence):
                    found[sentence] = None
    return tuple(found)


@cache
def glossary_terms() -> dict[str, str]:
    """The glossary's terms (the lines that start an entry), by their folded case."""
    text = (BOOK / "glossary.md").read_text(encoding="utf-8").split("```{glossary}", 1)[1]
    return {line.strip().casefold(): line.strip() for line in text.splitlines()
            if line and not line.startswith((" ", ":", "`")) and len(line.strip()) > 3}


@cache
def glossary_pattern() -> re.Pattern:
    terms = sorted(glossary_terms().values(), key=len, reverse=True)  # the longest match first
    return re.compile(r"\b(?:" + "|".join(map(re.escape, terms)) + r")\b", re.I)


@cache
def factors() -> tuple[dict, ...]:
    with (REPO / "data" / "factors.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@cache
def figures() -> tuple[Path, ...]:
    return tuple(sorted(BOOK.glob("*/figures/*.svg")))


def bib_entries(text: str) -> dict[str, str]:
    """Entries of a .bib file by key, as written."""
    return {m.group(1): m.group(0).strip() for m in
            re.finditer(r"^@\w+\{([^,\s]+),.*?^\}", text, re.M | re.S)}


def factor_sources() -> str:
    """The real entries data/factors.csv cites (the units-and-factors page lists them)."""
    wanted = {row["source"] for row in factors()}
    entries: dict[str, str] = {}
    for path in sorted((BOOK / "references").glob("*.bib")):
        entries.update(bib_entries(path.read_text(encoding="utf-8")))
    return "\n\n".join(entries[key] for key in sorted(wanted) if key in entries) + "\n"


# -- one chapter ------------------------------------------------------------------------------
class Chapter:
    """Writes chapter *n* (and its .bib file) with a random generator seeded by *n*."""

    def __init__(self, n: int, solution, slug: str, title: str, neighbours: list[tuple[str, str]]):
        self.n, self.solution, self.slug, self.title = n, solution, slug, title
        self.neighbours = neighbours  # (relative link, title) of other chapters
        self.random = random.Random(n)
        pool = list(sentences())
        self.random.shuffle(pool)
        self.pool = iter(pool * 2)
        self.keys = [f"source{n:03d}{chr(97 + i // 26)}{chr(97 + i % 26)}"
                     for i in range(SOURCES_PER_CHAPTER)]
        self.cited = 0
        self.terms: list[str] = []
        self.companies = [(f"Company {n} {letter}", f"https://{letter.lower()}{n}.example.org",
                           self.short().replace(": ", ", ")) for letter in "ABCD"]  # YAML

    # prose
    def short(self) -> str:
        return next(s for s in self.pool if len(s.split()) <= 18)

    def sentence(self, cite: bool = False, term: bool = False) -> str:
        text = next(self.pool)
        if term:
            text = self.with_term(text)
        if cite:
            count = 2 if self.random.random() < 0.2 else 1
            keys = ",".join(self.keys[(self.cited + i) % len(self.keys)] for i in range(count))
            self.cited += count
            text = f"{text[:-1]} {{footcite:p}}`{keys}`."
        return text

    def with_term(self, text: str) -> str:
        """*text* with a glossary term in it linked, or another sentence that has one."""
        for _ in range(50):
            for match in glossary_pattern().finditer(text):
                term = glossary_terms()[match.group().casefold()]
                if term not in self.terms[-5:]:
                    self.terms.append(term)
                    written = match.group()
                    role = f"{{term}}`{written}`" if written == term else f"{{term}}`{written} <{term}>`"
                    return text[:match.start()] + role + text[match.end():]
            text = next(self.pool)
        return text

    def paragraph(self, length: int, cites: int = 2, terms: int = 2) -> str:
        marks = sorted(self.random.sample(range(length), min(length, max(cites, terms))))
        return "\n".join(self.sentence(cite=i in marks[:cites], term=i in marks[-terms:] if terms else False)
                         for i in range(length))

    def numbered(self, items: int, length: int) -> str:
        lines = []
        for i in range(items):
            head = " ".join(self.short().split()[:3]).rstrip(".,;:")
            body = " ".join(self.sentence(cite=j == 0, term=j == 1 and i == 0)
                            for j in range(length))
            lines.append(f"{i + 1}. **{head}**: {body}")
        return "\n".join(lines)

    # parts of the chapter
    def objectives(self) -> str:
        items = "\n".join(f"- {verb} {text[0].lower()}{text[1:-1]};"
                          for verb, text in zip(OBJECTIVE_VERBS, iter(self.short, None)))
        return (":::{admonition} Learning objectives\n:class: hb-objectives\n\n"
                f"After reading this chapter, you should be able to:\n\n{items[:-1]}.\n:::")

    def figure(self) -> str:
        return (f"```{{figure}} figures/{self.slug}.svg\n:name: fig-{self.slug}\n"
                f":alt: {self.sentence()} {self.sentence()}\n:width: 100%\n\n"
                f"{self.paragraph(3, cites=1, terms=1)}\nDiagram: Climate Solutions Handbook.\n```")

    def company_panel(self) -> str:
        entries = "\n".join(f"- name: {name}\n  url: {url}\n  description: {description}"
                            for name, url, description in [SHARED_COMPANY, *self.companies])
        return (f":::{{company-panel}}\n:jobs: https://climatebase.org/jobs?q=chapter-{self.n}\n\n"
                f"{entries}\n:::")

    def table(self) -> str:
        def cell() -> str:
            return " ".join(self.short().split()[:self.random.randint(2, 6)]).rstrip(".,;:")
        rows = "\n".join("| " + " | ".join(cell() for _ in range(5)) + " |" for _ in range(7))
        return (f":::{{table}} {self.short()[:-1]} (sources: {{footcite:t}}`{self.keys[0]}`; "
                f"{{footcite:t}}`{self.keys[1]}`).\n:name: tbl-{self.slug}\n:widths: 20 21 19 14 26\n\n"
                "| Option | Made from | Typical uses | Performance | Points to weigh |\n"
                f"| --- | --- | --- | --- | --- |\n{rows}\n:::")

    def learn_more(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.solution.name.lower()).strip("-")
        return (":::{admonition} Learn More\n:class: seealso\n\n"
                f"- [{self.solution.name}](https://drawdown.org/solutions/{slug}), Project Drawdown\n"
                f"- [{self.short()[:-1]}](https://www.example.org/{self.slug}/report), Example Institute\n"
                f"- [Example Agency](https://agency.example.org/{self.slug}), a public body working on it\n:::")

    def case_study(self, i: int, company: str | None) -> str:
        fields = (f":region: {REGIONS[(self.n + i) % len(REGIONS)]}\n"
                  f":sector: {CASE_SECTORS[(self.n + i) % len(CASE_SECTORS)]}\n"
                  f":link: https://case{i}.chapter{self.n}.example.org\n:name: case-{self.slug}-{i}\n")
        if company:
            fields += f":company: {company}\n"
        body = self.paragraph(4, cites=2, terms=0)
        if company:
            body = f"A project of {{company}}`{company}`. {body}"
        return f":::{{case-study}} {' '.join(self.short().split()[:4]).rstrip('.,;:')} {i}\n{fields}\n{body}\n:::"

    def sector(self, title: str, cases: list[str | None]) -> str:
        items = "\n".join(f"- **{' '.join(self.short().split()[:2]).rstrip('.,;:')}**: "
                          f"{self.sentence(cite=k < 2)}" for k in range(4))
        studies = "\n\n".join(self.case_study(self.case_number + k, company)
                              for k, company in enumerate(cases))
        self.case_number += len(cases)
        return f"### {title}\n\n{items}\n\n```{{rubric}} Case studies\n```\n\n{studies}"

    def exercises(self) -> str:
        """Four exercises with numbers of their own; each answer appears in its solution,
        the last one in the last paragraph."""
        r = self.random
        per_kwh = [f for f in factors() if f["unit"] == "kg CO2e/kWh"]
        extra = iter(factors()[(self.n * 7 + i) % len(factors())]["name"] for i in range(11))
        factor = per_kwh[self.n % len(per_kwh)]
        label = f"ex-{self.slug}"
        use, share = r.randrange(8_000, 40_000, 100), r.choice((20, 25, 30, 40))
        saved = use * share // 100
        emissions = round(saved * float(factor["value"]))
        cost, saving = r.randrange(2_000, 20_000, 500), r.randrange(200, 1_500, 50)
        payback = round(cost / saving, 1)
        total, adopted = r.randrange(200, 2_000, 10), r.randrange(20, 180)
        percent = round(100 * adopted / total, 1)
        doubled = 2 * emissions

        def exercise(k: int, title: str, difficulty: int, kind: str, objectives: str, text: str,
                     answer: str, worked: str, closing: str) -> str:
            return (f":::{{exercise}} {title}\n:label: {label}-{k}\n:difficulty: {difficulty}\n"
                    f":minutes: {10 + 5 * difficulty}\n:kind: {kind}\n:objectives: {objectives}\n\n"
                    f"{self.sentence()} {self.sentence()}\n{text}\n:::\n\n"
                    f":::{{solution}} {label}-{k}\n:class: dropdown\n:answer: {answer}\n\n"
                    f"{worked}\n\n{self.sentence()} {closing}\n:::")

        return "\n\n".join([
            exercise(1, "Energy and emissions saved", 2, "calculation", "1, 2",
                     f"A building uses {use:,} kWh of electricity a year, and the measures of this "
                     f"chapter cut that by {share}%. Take {{factor}}`{factor['name']}` for the "
                     "electricity. How much electricity, and how much CO2e, do they save in a year?",
                     f"{saved:,} kWh; {emissions:,} kg CO2e",
                     f"1. Saved: {{math}}`E = {use} \\times {share} / 100` = **{saved:,} kWh** a year.\n"
                     f"2. Emissions: {saved:,} kWh × {{factor}}`{factor['name']}` = "
                     f"**{emissions:,} kg CO2e** a year.",
                     f"The measures save {emissions:,} kg CO2e a year."),
            exercise(2, "Paying back", 1, "economics", "3",
                     f"The measures cost {cost:,} euros and save {saving:,} euros a year. "
                     f"Leave aside {{factor}}`{next(extra)}` and {{factor}}`{next(extra)}`. "
                     f"After how many years have they paid for themselves, and which option of "
                     f"{{numref}}`tbl-{self.slug}` would pay back sooner?",
                     f"{payback} years",
                     f"Simple payback = {cost:,} ÷ {saving:,} = **{payback} years**.",
                     f"They pay for themselves in {payback} years."),
            exercise(3, "How far has it spread?", 2, "data", "2, 4",
                     f"Of {total:,} buildings in a town, {adopted} have adopted the solution. "
                     f"Compare with {{factor}}`{next(extra)}`. What share is that?",
                     f"{percent}%",
                     f"Share = {adopted} ÷ {total:,} = **{percent}%**.",
                     f"The share is {percent}%."),
            exercise(4, "Twice the saving", 3, "design", "4",
                     f"Return to the building of {{ref}}`{label}-1`. If the saving were twice as "
                     f"large, with {{factor}}`{next(extra)}` unchanged, how much CO2e would it save?",
                     f"{doubled:,} kg CO2e",
                     f"Twice {emissions:,} kg CO2e is **{doubled:,} kg CO2e** a year.",
                     f"Doubling the saving gives {doubled:,} kg CO2e a year."),
        ]) + (f"\n\n:::{{teaching-note}}\n{self.paragraph(4, cites=0, terms=0)}\n"
              f"Compare {{factor}}`{next(extra)}` with {{factor}}`{next(extra)}`, and "
              f"{{factor}}`{next(extra)}` with {{factor}}`{next(extra)}` and {{factor}}`{next(extra)}`.\n:::")

    def markdown(self) -> str:
        """The chapter, written in reading order (glossary links made early are the key terms)."""
        self.case_number = 1
        sectors = ", ".join(f'"{sector}"' for sector in self.solution.sectors)
        links = ", ".join(f"[{title}]({link})" for link, title in self.neighbours)
        a, b, c, d = (name for name, _, _ in self.companies)
        blocks = [
            f"---\ndrawdown_solution: {self.solution.name}\nsectors: [{sectors}]\n---",
            f"({self.slug})=\n# {self.title}",
            self.paragraph(5, cites=0, terms=1),
            self.objectives(),
            self.figure(),
            self.company_panel(),
            "## Overview",
            f"{self.paragraph(5, cites=3, terms=1)}\n{{numref}}`fig-{self.slug}` shows how it works.",
            f"{self.paragraph(5, cites=3, terms=1)}" + (f"\nSee also {links}." if links else ""),
            self.paragraph(5, cites=3, terms=1),
            self.table(),
            f"{self.paragraph(5, cites=3, terms=1)}\n{{numref}}`tbl-{self.slug}` sums up the options.",
            f"{{company}}`{a}` and {{company}}`{SHARED_COMPANY[0]}` are examples. {self.sentence()}",
            self.learn_more(),
            f"## {SECTIONS[0][0]}\n\n{self.numbered(*SECTIONS[0][1:])}",
            "## Solutions by Sector",
            self.sector("Residential", [a, None]),
            self.sector("Commercial and public buildings", [SHARED_COMPANY[0]]),
            self.sector("Industrial", [None]),
            f"{{company}}`{b}`, {{company}}`{c}` and {{company}}`{d}` work in industry too.",
            *(f"## {title}\n\n{self.numbered(items, length)}" for title, items, length in SECTIONS[1:]),
        ]
        key_terms = ", ".join(f"{{term}}`{term}`" for term in dict.fromkeys(self.terms[:12]))
        discussion = "\n".join(f"{i}. {self.short()} {self.sentence()[:-1]}?" for i in range(1, 5))
        blocks += [
            f"## For the classroom\n\n### Key terms\n\n{key_terms}",
            f"### Discussion questions\n\n{discussion}",
            f"### Exercises\n\n{self.exercises()}",
            "## References\n\n:::{footbibliography}\n:::",
        ]
        return "\n\n".join(blocks) + "\n"

    def bibliography(self) -> str:
        """Entries shaped like the real ones: mostly web pages (misc), some articles. The
        titles come from a pool every chapter shares, so the authors carry the chapter's
        number: the book's check takes one author, year and title for one source."""
        entries = []
        for i, key in enumerate(self.keys):
            title = re.sub(r"[%&#$~^]", "", self.short()[:-1])  # TeX's special characters
            year = 2005 + (self.n + i) % 20
            if i % 6 == 0:
                entries.append(
                    f"@article{{{key},\n  author  = {{Author{self.n}, Ann and Writer, Ben}},\n"
                    f"  title   = {{{title}}},\n  journal = {{Journal of Examples}},\n"
                    f"  volume  = {{{10 + i}}},\n  number  = {{{1 + i % 12}}},\n"
                    f"  pages   = {{{100 + i}--{120 + i}}},\n  year    = {{{year}}},\n"
                    f"  doi     = {{10.1000/example.{self.n}.{i}}}\n}}")
            else:
                entries.append(
                    f"@misc{{{key},\n  author       = {{{{Example Organisation {self.n}.{i}}}}},\n"
                    f"  title        = {{{title}}},\n  year         = {{{year}}},\n"
                    f"  url          = {{https://www.example.org/{self.slug}/{i}}},\n"
                    f"  urldate      = {{2026-12-03}}\n}}")
        return "\n\n".join(entries) + "\n"


# -- the book ---------------------------------------------------------------------------------
def write_book(folder: Path, chapters: int) -> Path:
    """Write a book of *chapters* chapters into *folder*; returns the source folder."""
    source = folder / "book"
    if source.exists():
        shutil.rmtree(source)
    (source / "references").mkdir(parents=True)
    for page in REFERENCE_PAGES:
        shutil.copy(BOOK / f"{page}.md", source / f"{page}.md")
    shutil.copy(BOOK / "references.bib", source / "references.bib")
    (source / "references" / "factor-sources.bib").write_text(factor_sources(), encoding="utf-8")
    solutions = sorted(load_solutions(REPO / "data" / "drawdown-solutions.csv").values(),
                       key=lambda s: s.sectors[0])  # grouped by sector, as the parts are
    slugs = [f"part-{(n - 1) // PART_SIZE + 1:02d}/chapter-{n:03d}" for n in range(1, chapters + 1)]
    titles = []
    for n in range(1, chapters + 1):
        solution = solutions[(n - 1) % len(solutions)]
        round_ = (n - 1) // len(solutions)
        titles.append(solution.name + (f" {round_ + 1}" if round_ else ""))
    parts: dict[str, list[int]] = {}
    for n, (slug, title) in enumerate(zip(slugs, titles), start=1):
        part, name = slug.split("/")
        parts.setdefault(part, []).append(n)
        neighbours = [(f"../{slugs[m - 1]}.md", titles[m - 1]) for m in (n - 1, n + 1, n + 5)
                      if 1 <= m <= chapters]
        chapter = Chapter(n, solutions[(n - 1) % len(solutions)], name, title, neighbours)
        (source / part / "figures").mkdir(parents=True, exist_ok=True)
        (source / slug).with_suffix(".md").write_text(chapter.markdown(), encoding="utf-8")
        (source / "references" / f"{name}.bib").write_text(chapter.bibliography(), encoding="utf-8")
        shutil.copy(figures()[(n - 1) % len(figures())], source / part / "figures" / f"{name}.svg")
    for part, numbers in parts.items():
        first = solutions[(numbers[0] - 1) % len(solutions)]
        (source / part / "figures" / "pictures.yml").write_text("".join(
            f"chapter-{n:03d}.svg:\n  source: ours\n  licence: CC-BY-4.0\n" for n in numbers),
            encoding="utf-8")
        entries = "\n".join(f"chapter-{n:03d}" for n in numbers)
        (source / part / "index.md").write_text(
            f"# Part {int(part[5:])}\n\n{' '.join(sentences()[int(part[5:]) * 3:int(part[5:]) * 3 + 3])}\n\n"
            f"```{{drawdown-solutions-table}}\n:sector: {first.sectors[0]}\n```\n\n"
            "*Source: Project Drawdown, table of solutions (Scenarios 1 and 2, 2020–2050).*\n\n"
            f"```{{toctree}}\n:maxdepth: 1\n\n{entries}\n```\n", encoding="utf-8")
    part_entries = "\n".join(f"{part}/index" for part in parts)
    (source / "index.md").write_text(
        "# Climate Solutions Handbook\n\n```{only} html\n*A synthetic book shaped like the "
        "Climate Solutions Handbook, for the build benchmark.*\n\nStart with the "
        f"[preface](preface.md), or go straight to [{titles[0]}]({slugs[0]}.md).\n```\n\n"
        "```{part-cards}\n```\n\n"
        "```{toctree}\n:caption: Start here\n:hidden:\n\npreface\nsolutions-at-a-glance\n```\n\n"
        f"```{{toctree}}\n:caption: Parts\n:hidden:\n\n{part_entries}\n```\n\n"
        "```{toctree}\n:caption: Reference\n:hidden:\n\nanswers\nglossary\nunits-and-factors\n"
        "companies\ncase-studies\nlicence\n```\n", encoding="utf-8")
    return source


# -- how the chapters compare ------------------------------------------------------------------
SHAPE = {
    "words": lambda t: len(re.findall(r"[A-Za-z]+(?:['’-][A-Za-z]+)*",
                                      re.sub(r"^\s*:[\w-]+:.*$|\{[\w:-]+\}|https?://\S+", "", t, flags=re.M))),
    "companies": lambda t: len(re.findall(r"^- name:", t, re.M)),
    "case studies": lambda t: t.count(":::{case-study}"),
    "exercises": lambda t: t.count(":::{exercise}"),
    "answers": lambda t: t.count(":answer:"),
    "citations": lambda t: sum(len(keys.split(",")) for keys in re.findall(r"\{footcite:[pt]\}`([^`]*)`", t)),
    "glossary links": lambda t: t.count("{term}"),
    "factors": lambda t: t.count("{factor}"),
    "tables": lambda t: t.count(":::{table}") + t.count("```{table}"),
    "figures": lambda t: t.count("{figure}"),
    "numrefs": lambda t: t.count("{numref}"),
}


def shapes(paths: list[Path]) -> dict[str, float]:
    texts = [path.read_text(encoding="utf-8") for path in paths]
    return {name: statistics.median(count(text) for text in texts) for name, count in SHAPE.items()}


def compare(chapters: int) -> str:
    """The medians per chapter of the real book and of a synthetic one, as a Markdown table."""
    real = shapes(real_chapters())
    real_sources = statistics.median(len(bib_entries(p.read_text(encoding="utf-8")))
                                     for p in (BOOK / "references").glob("*.bib"))
    with tempfile.TemporaryDirectory() as folder:
        source = write_book(Path(folder), chapters)
        synthetic = shapes(sorted(source.glob("part-*/chapter-*.md")))
        synthetic_sources = statistics.median(len(bib_entries(p.read_text(encoding="utf-8")))
                                              for p in (source / "references").glob("chapter-*.bib"))
    lines = [f"| per chapter (median) | the book ({len(real_chapters())} chapters) | "
             f"synthetic ({chapters} chapters) |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {real[name]:g} | {synthetic[name]:g} |" for name in SHAPE]
    lines.append(f"| sources in its .bib | {real_sources:g} | {synthetic_sources:g} |")
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:2] != ["--compare"]:
        sys.exit("usage: synthetic_book.py --compare [chapters]")
    print(compare(int(sys.argv[2]) if len(sys.argv) > 2 else 25))
