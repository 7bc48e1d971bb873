"""`handbook import`: Docusaurus pages of the old site into chapters of the book.

Each construct is imported from a page of tests/fixtures/docusaurus/docs/ (our own
text) into a copy of the book, and checked in the chapter written and in the report
printed (with the page's line numbers). Imported books are then built, both editions,
with the book's options: no warning is allowed.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO, UPSTREAM, copy_of_book, needs_upstream
from handbook.common import case_study_vocabulary as vocabulary
from handbook.directory.case_study_map import country_counts
from handbook.importer.case_studies import parse_case_study
from handbook.importer.cli import main
from handbook.importer.companies import parse_company_line
from handbook.importer.myst_blocks import yaml_scalar
from handbook.importer.source import decode_page

SITE = Path(__file__).parent / "fixtures" / "docusaurus"
DOCS = SITE / "docs"
SPHINX_BUILD = Path(sys.executable).parent / "sphinx-build"


# -- helpers ---------------------------------------------------------------------------------
@pytest.fixture
def book(tmp_path, monkeypatch) -> Path:
    """A copy of the real book's first part (the fixture pages import chapters of the
    others), in a folder that is also the working folder."""
    dest = copy_of_book(tmp_path)
    monkeypatch.chdir(tmp_path)
    return dest


@pytest.fixture
def run(book, capsys):
    """``handbook import`` in-process: returns (exit status, stdout, stderr)."""

    def run_import(*args) -> tuple[int, str, str]:
        status = main(["import", *map(str, args), "--into", str(book)])
        out, err = capsys.readouterr()
        return status, out, err

    return run_import


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def page_report(out: str, page: str) -> str:
    """The block of the report about *page* (a file name)."""
    blocks = out.split("\n\n")
    return next(block for block in blocks if block.split(" ")[0].endswith("/" + page))


def directive_blocks(text: str, name: str) -> list[str]:
    """The text of every ``:::{name}`` block (fence to fence) of a chapter."""
    pattern = re.compile(rf"^(:{{3,}})\{{{name}\}}.*?^\1$", re.S | re.M)
    return [match.group(0) for match in pattern.finditer(text)]


def panel_entries(text: str) -> list[dict]:
    panel = directive_blocks(text, "company-panel")[0]
    body = [line for line in panel.split("\n")[1:-1] if not line.startswith(":")]
    return yaml.safe_load("\n".join(body))


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build(src: Path, builder: str, out: Path, *options: str) -> subprocess.CompletedProcess:
    # The book is cut to its first part: the other parts' sources are cited nowhere in it.
    return subprocess.run([str(SPHINX_BUILD), "-q", "-c", str(REPO), "-b", builder, str(src),
                           str(out), "-W", "--keep-going", "-n", "-D", "handbook_check_unused=0",
                           *options],
                          capture_output=True, text=True)


def write_page(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# -- company lines ---------------------------------------------------------------------------
@pytest.mark.parametrize("line, expected", [
    ("[Voltway](https://v.example.com) - Makes motors.",
     [("Voltway", "https://v.example.com", "Makes motors.")]),
    ("[Voltway](https://v.example.com) \u2013 Makes motors.",
     [("Voltway", "https://v.example.com", "Makes motors.")]),
    ("[Voltway](https://v.example.com): Makes motors.",
     [("Voltway", "https://v.example.com", "Makes motors.")]),
    ("**[Voltway](https://v.example.com)** - Makes motors.",
     [("Voltway", "https://v.example.com", "Makes motors.")]),
    ("[A](https://a.example.com) - Makes motors. [B](https://b.example.com) - Makes cells.",
     [("A", "https://a.example.com", "Makes motors."), ("B", "https://b.example.com", "Makes cells.")]),
    ("[A](https://a.example.com), [B](https://b.example.com) - Both run fleets.",
     [("A", "https://a.example.com", "Both run fleets."),
      ("B", "https://b.example.com", "Both run fleets.")]),
    ("[A](https://a.example.com) - Works with [B](https://b.example.com) on motors.",
     [("A", "https://a.example.com", "Works with [B](https://b.example.com) on motors.")]),
    ("Quietride - Makes hub motors.", [("Quietride", "", "Makes hub motors.")]),
])
def test_company_line_forms(line, expected):
    companies = parse_company_line(line, 7)
    assert [(c.name, c.url, c.description) for c in companies] == expected
    assert all(c.line == 7 for c in companies)


# -- case-study lines ------------------------------------------------------------------------
def test_case_study_in_the_fixed_pattern():
    study = parse_case_study("**Superblocks, Barcelona, Spain**: Closed streets to through "
                             "traffic ([Ajuntament](https://ajuntament.barcelona.cat)).", 3)
    assert (study.title, study.region, study.url, study.link_text, study.text) == (
        "Superblocks, Barcelona", "Spain", "https://ajuntament.barcelona.cat", "Ajuntament",
        "Closed streets to through traffic.")


# Each shape of the old site's case-study lines (issue 21): (item, title, region, url,
# link text, text). A region is what the vocabulary knows as a place; None: the page gives none.
CASE_STUDY_SHAPES = [
    ("**Eviation Alice**: All-electric aircraft for nine passengers "
     "([Eviation](https://www.eviation.com)).",
     "Eviation Alice", None, "https://www.eviation.com", "Eviation",
     "All-electric aircraft for nine passengers."),
    ("[ISS](https://www.nasa.gov/iss): Recycles 98% of its water.",
     "ISS", None, "https://www.nasa.gov/iss", "ISS", "Recycles 98% of its water."),
    ("**[ISS](https://www.nasa.gov/iss), Global**: Recycles 98% of its water.",
     "ISS", "Global", "https://www.nasa.gov/iss", "ISS", "Recycles 98% of its water."),
    ("[**Drax**](https://www.drax.com) \u2013 Burns wood pellets in former coal units.",
     "Drax", None, "https://www.drax.com", "Drax", "Burns wood pellets in former coal units."),
    ("**World Agroforestry Centre (ICRAF)**: Trains farmers in agroforestry "
     "([ICRAF](https://www.worldagroforestry.org)).",
     "World Agroforestry Centre (ICRAF)", None, "https://www.worldagroforestry.org", "ICRAF",
     "Trains farmers in agroforestry."),
    ("**Green Belt Movement (GBM), Kenya**: Planted 51 million trees "
     "([GBM](https://www.greenbeltmovement.org)).",
     "Green Belt Movement (GBM)", "Kenya", "https://www.greenbeltmovement.org", "GBM",
     "Planted 51 million trees."),
    ("**Drax (UK)**: Burns wood pellets ([Drax](https://www.drax.com)).",
     "Drax", "UK", "https://www.drax.com", "Drax", "Burns wood pellets."),
    ("**Tesla, Inc.**: Builds electric cars ([Tesla](https://www.tesla.com)).",
     "Tesla, Inc.", None, "https://www.tesla.com", "Tesla", "Builds electric cars."),
    ("**Ørsted, Denmark** \u2014 Built Hornsea One ([Ørsted](https://orsted.com))",
     "Ørsted", "Denmark", "https://orsted.com", "Ørsted", "Built Hornsea One."),
    ("**Ørsted, Denmark** - Built Hornsea One ([Ørsted](https://orsted.com));",
     "Ørsted", "Denmark", "https://orsted.com", "Ørsted", "Built Hornsea One."),
    ("**Ørsted, Denmark:** Built Hornsea One. [Ørsted](https://orsted.com)",
     "Ørsted", "Denmark", "https://orsted.com", "Ørsted", "Built Hornsea One."),
    ("**Ørsted, Denmark**: Built Hornsea One (Source: [Ørsted](https://orsted.com)).",
     "Ørsted", "Denmark", "https://orsted.com", "Ørsted", "Built Hornsea One."),
    ("**Ørsted, Denmark**: Built [Hornsea One](https://hornseaprojects.co.uk) off Yorkshire",
     "Ørsted", "Denmark", "https://hornseaprojects.co.uk", "Hornsea One",
     "Built [Hornsea One](https://hornseaprojects.co.uk) off Yorkshire."),
    ("**Blue Bins, USA and Canada**: Collected food scraps ([Bins](https://bins.example.com)).",
     "Blue Bins", "USA and Canada", "https://bins.example.com", "Bins", "Collected food scraps."),
    ("**Seed Vault, Worldwide**: Stores seeds ([Vault](https://vault.example.com)).",
     "Seed Vault", "Worldwide", "https://vault.example.com", "Vault", "Stores seeds."),
    ("**Heatline**: Pipes waste heat to homes.",
     "Heatline", None, None, None, "Pipes waste heat to homes."),
]


@pytest.mark.parametrize("item, title, region, url, link_text, text", CASE_STUDY_SHAPES)
def test_every_case_study_shape_of_the_site_is_read(item, title, region, url, link_text, text):
    study = parse_case_study(item, 4)
    assert (study.title, study.region, study.url, study.link_text, study.text, study.line) == (
        title, region, url, link_text, text, 4)


@pytest.mark.parametrize("item, reason", [
    ("Paris, France: Text ([P](https://www.paris.fr)).", "does not start with its name in bold"),
    ("**Paris, France** Text ([P](https://www.paris.fr)).", "no ':' (or dash)"),
    ("**Paris, France**: Text ([P](/cities/paris)).", "not an http(s) address"),
    ("**Paris, France**: ([P](https://www.paris.fr)).", "no text before its link"),
    ("**Paris, France**:", "no text after its name"),
])
def test_case_study_out_of_pattern_says_why(item, reason):
    assert reason in parse_case_study(item, 1)


@pytest.mark.parametrize("value", [
    "Daikin", "https://www.daikin.com", "$1 million XPrize winning team", "yes", "No", "null",
    "3M", "Specializes: in pumps", "Ends with a colon:", "A #hashtag inside", "Miyoko's Creamery",
    "*No description in the imported page.*", "- a dash", "[bracketed]", 'Says "hi"', "back\\slash",
    "🏅 Medal", "Food, Agriculture, and Land Use",
])
def test_yaml_values_read_back_as_written(value):
    assert yaml.safe_load(f"key: {yaml_scalar(value)}") == {"key": value}
    assert yaml.safe_load(f"key: [{yaml_scalar(value, flow=True)}]") == {"key": [value]}


def test_a_line_that_is_not_utf8_is_read_as_cp1252_and_reported():
    lines, problems = decode_page(b"fine\nCaf\xe9 Print\n")
    assert [line.text for line in lines] == ["fine", "Caf\u00e9 Print"]
    assert problems[0].line == 2 and "not UTF-8 (bytes 0xE9)" in problems[0].message


# -- one page, construct by construct --------------------------------------------------------
def test_front_matter_keeps_the_title_and_fills_drawdown_fields(book, run):
    status, out, _ = run(DOCS / "solution-bicycle-infrastructure.md")
    assert status == 0
    text = read(book / "transportation" / "bicycle-infrastructure.md")
    # imported_from: the page the chapter was made from ("Not stated" is allowed there).
    assert text.startswith("---\ndrawdown_solution: Bicycle Infrastructure\n"
                           "sectors: [Transportation]\n"
                           "imported_from: solution-bicycle-infrastructure.md\n---\n\n"
                           "(bicycle-infrastructure)=\n"
                           "# Bicycle Infrastructure\n\nProtected lanes, secure parking")
    for key in ("displayed_sidebar", "sidebar_position", "pagination_prev", "hide_table_of_contents"):
        assert key not in text
    report = page_report(out, "solution-bicycle-infrastructure.md")
    assert "-> book/transportation/bicycle-infrastructure.md (new)" in report
    assert "converted: 3 companies, 3 case studies, 2 admonitions, 5 links, 1 picture, " \
           "3 sources, 1 video" in report


def test_sectors_are_written_as_the_data_file_lists_them(book, run, tmp_path):
    page = write_page(tmp_path / "site", "solution-compost.md",
                      "---\ntitle: plant-rich DIETS\n---\n\nEat more plants.\n")
    assert run(page)[0] == 0
    text = read(book / "food-agriculture-and-land-use" / "compost.md")
    assert "drawdown_solution: Plant-Rich Diets\n" in text
    assert 'sectors: ["Food, Agriculture, and Land Use", Land Sinks]\n' in text
    assert "# plant-rich DIETS\n" in text


def test_title_from_the_first_heading_or_the_file_name(book, run):
    status, out, _ = run(DOCS / "no-front-matter.md", DOCS / "solution-geothermal-power.md")
    assert status == 0
    rail = read(book / "transportation" / "no-front-matter.md")
    assert rail.count("# High-Speed Rail") == 1 and "drawdown_solution: High-Speed Rail" in rail
    geothermal = read(book / "electricity" / "geothermal-power.md")
    assert "drawdown_solution: Geothermal Power\nsectors: [Electricity]" in geothermal
    assert "# Geothermal Power\n\nGeothermal plants turn" in geothermal
    assert "no title in the page: 'Geothermal Power' taken from its file name" in out


def test_a_title_that_is_no_solution_is_matched_through_the_jobs_link(book, run, tmp_path):
    page = write_page(tmp_path / "site", "solution-ebikes.md", """\
---
title: E-bikes / Pedal assist
---

Motors help riders uphill.

:::company job openings
### [View open jobs in this Solution](https://climatebase.org/jobs?drawdown_solutions=Electric+Bicycles)
- [Voltway](https://voltway.example.com) - Makes mid-drive motors.
:::
""")
    status, out, _ = run(page)
    assert status == 0
    text = read(book / "transportation" / "ebikes.md")
    assert "drawdown_solution: Electric Bicycles" in text and "# E-bikes / Pedal assist" in text
    assert "its jobs link names 'Electric Bicycles'" in out


def test_company_block_becomes_a_company_panel(book, run):
    run(DOCS / "solution-bicycle-infrastructure.md")
    text = read(book / "transportation" / "bicycle-infrastructure.md")
    panel = directive_blocks(text, "company-panel")[0]
    assert panel.startswith(":::{company-panel}\n:jobs: https://climatebase.org/jobs?l=&q=&"
                            "drawdown_solutions=Bicycle+Infrastructure\n")
    assert panel_entries(text) == [
        {"name": "Lanewise", "url": "https://lanewise.example.com",
         "description": "Designs kerb-protected cycle lanes for city streets."},
        {"name": "Rackworks", "url": "https://rackworks.example.com",
         "description": "Builds secure bicycle parking hubs at stations."},
        {"name": "Signal Loop", "url": "https://signalloop.example.com",
         "description": "Makes detector loops that give cyclists a green light."},
    ]
    assert "Example Companies" not in text and "job openings" not in text


def test_odd_company_lines_reuse_and_missing_addresses(book, run):
    status, out, _ = run(DOCS / "companies-odd-separators.md")
    assert status == 0
    text = read(book / "transportation" / "companies-odd-separators.md")
    entries = {entry["name"]: entry for entry in panel_entries(text)}
    assert list(entries) == ["Voltway", "Pedalcell", "Spokehub", "Gearline", "Torquebase",
                             "Chainless", "DAIKIN", "Partnerly"]
    assert entries["Pedalcell"]["description"] == "Makes swappable batteries."
    assert entries["Spokehub"]["description"] == entries["Gearline"]["description"] == \
        "Both run e-bike subscription fleets."
    assert entries["Torquebase"]["description"] == "Builds cargo e-bikes for delivery firms."
    assert entries["Chainless"]["description"] == "Belt drives that need no oil."
    # Daikin is in the book already: its entry there is reused (so the book has one Daikin),
    # and the report says where that entry is.
    report = page_report(out, "companies-odd-separators.md")
    where = re.search(r"companies-odd-separators\.md:15: company 'DAIKIN' is already in the book "
                      r"\((book/\S+\.md):(\d+)\): its url and description are used", report)
    assert where, report
    book_lines = read(book.parent / where.group(1)).split("\n")[int(where.group(2)) - 1:]
    assert book_lines[0] == "- name: Daikin"
    assert entries["DAIKIN"] == {"name": "DAIKIN", "url": book_lines[1].split(": ", 1)[1],
                                 "description": book_lines[2].split(": ", 1)[1]}
    assert entries["Partnerly"]["description"] == \
        "Works with [Voltway](https://voltway.example.com) on motor controllers."
    # The company without a web address is shown, in a placeholder after the panel.
    placeholder = directive_blocks(text, "admonition")[0]
    assert "Not converted: companies without a web address" in placeholder
    assert "- Quietride - Makes hub motors, but the page gives no web address." in placeholder
    assert "converted: 8 companies" in report
    assert "companies-odd-separators.md:14: company line with no web address" in report
    assert "companies-odd-separators.md:11: company 'Spokehub' has no description of its own" in report


def test_case_studies_become_case_study_directives(book, run):
    status, out, _ = run(DOCS / "case-studies.md")
    assert status == 0
    text = read(book / "transportation" / "case-studies.md")
    studies = directive_blocks(text, "case-study")
    assert studies[0] == """\
:::{case-study} Superblocks, Barcelona
:region: Spain
:sector: Residential
:link: https://ajuntament.barcelona.cat

Closed inner streets of city blocks to through traffic and gave them to people \
{footcite:p}`ajuntamentdebarcelonaweb`.
:::"""
    # Its link is its source: an entry of the chapter's own -imported.bib, cited, and listed
    # at the chapter's end.
    bib = read(book / "references" / "case-studies-imported.bib")
    assert bib.startswith("@misc{ajuntamentdebarcelonaweb,\n  author  = {{Ajuntament de "
                          "Barcelona}},\n  title   = {Superblocks, Barcelona},\n  url     = "
                          "{https://ajuntament.barcelona.cat},\n  urldate = {")
    assert text.endswith("\n## References\n\n:::{footbibliography}\n:::\n")
    # The link text names a company of the chapter's panel, or of the book: :company:.
    assert ":company: Streetwise\n" in studies[1]
    assert ":company: Daikin\n" in studies[2]
    assert studies[2].endswith(
        "\n\nPaired street redesign with quiet outdoor units {footcite:p}`daikinweb`.\n:::")
    assert studies[3].endswith("\n\nPedestrianised its centre in the late 1990s "
                               "{footcite:p}`pontevedracentreweb`.\n:::")
    # A case study over two lines, in another section.
    # A case study whose page names no region: "Not stated", listed for an editor.
    assert studies[4].startswith(":::{case-study} Pedestrian Zones\n:region: Not stated\n"
                                 ":sector: Residential\n:link: https://zones.example.com\n")
    assert studies[5].startswith(":::{case-study} Canary Wharf Walkways\n:region: United Kingdom\n"
                                 ":sector: Commercial\n")
    assert len(studies) == 6
    # One rubric per section, before its first case study.
    assert text.count("```{rubric} Case studies\n```") == 2
    assert text.index("```{rubric} Case studies") < text.index(":::{case-study} Superblocks")
    # Lines out of pattern stay list items, reported with their line.
    for kept in ("5. **Fifteen-Minute City, France**: Planned services",
                 "6. Paris Streets, France: Gave a street",
                 "7. **Vauban, Germany** Built a car-free district",
                 "8. **Oslo Centre, Norway**: Removed parking from the centre (Oslo)."):
        assert kept in text
    report = page_report(out, "case-studies.md")
    assert "converted: 1 company, 6 case studies" in report
    assert f"to fill in (1):\n    {DOCS / 'case-studies.md'}:25: case study " \
           "'Pedestrian Zones': the page names no region: written 'Not stated'" in report
    for line, reason in ((20, "no link, and its name is no company"), (21, "does not start with"),
                         (22, "no ':' (or dash) after"), (23, "is not an http(s) address"),
                         (24, "no text before its link")):
        pattern = rf"case-studies\.md:{line}: case study out of pattern \([^\n]*{re.escape(reason)}"
        assert re.search(pattern, report), (line, reason)


def test_case_study_lists_after_a_blank_line_and_jobs_link_as_a_paragraph(book, run, tmp_path):
    page = write_page(tmp_path / "site", "solution-composting.md", """\
---
title: Composting
---

Compost returns nutrients to the soil.

:::company job openings
[View open jobs in this Solution](https://climatebase.org/jobs?drawdown_solutions=Composting)

- [Heapworks](https://heapworks.example.com) - Runs municipal composting sites.
:::

## Solutions by Sector

### Municipal

**Case Studies:**

1. **Green Bins, Canada**: Collected food scraps from every household ([Heapworks](https://heapworks.example.com)).
""")
    status, out, _ = run(page)
    assert status == 0
    text = read(book / "industry" / "composting.md")
    assert ":::{company-panel}\n:jobs: https://climatebase.org/jobs?drawdown_solutions=Composting\n" in text
    assert ":::{case-study} Green Bins\n:region: Canada\n:sector: Public and institutional\n:company: Heapworks\n" in text
    assert "not converted" not in page_report(out, "solution-composting.md")


def test_admonitions_keep_their_kind_and_title(book, run):
    status, out, _ = run(DOCS / "admonitions.md")
    assert status == 0
    text = read(book / "transportation" / "admonitions.md")
    for title, kind in (("Learn More", "info"), ("Tip", "tip"), ("Range in winter", "note"),
                        ("Fire safety", "caution"), ("Further reading", "book"),
                        ("Podcast Episodes", "podcast"), ("Community", "contribute"),
                        ("Latest news", "newsletter"), ("Ask an expert", "expert"),
                        ("Bracketed title", "warning")):
        assert f":::{{admonition}} {title}\n:class: {kind}\n\n" in text, title
    # Emoji kept as written; a colour word after the kind is a style, not title text.
    assert ":::{admonition} 🏅Among the fastest-growing solutions.\n:class: info success\n" in text
    # Nested boxes: the outer fence is longer than the inner one.
    assert "::::{admonition} Outer box\n:class: note\n\nText of the outer box.\n\n" \
           ":::{admonition} Inner box\n:class: tip\n\nText of the inner box.\n:::\n::::" in text
    # A heading cannot sit in a box: it becomes a rubric.
    assert "```{rubric} Inside a box\n```" in text
    report = page_report(out, "admonitions.md")
    assert "converted: 0 companies, 0 case studies, 15 admonitions" in report
    assert "admonitions.md:59: ':::note' box is empty" in report


def test_html_and_jsx(book, run):
    status, out, _ = run(DOCS / "html-and-jsx.md")
    assert status == 0
    text = read(book / "transportation" / "html-and-jsx.md")
    body = text.split("\n---\n", 1)[1]  # the front matter names the page imported
    assert "import" not in body and "export" not in body and "<div" not in body
    assert ":::{card} Insulation\n:link: /buildings/insulation\n:link-type: doc\n\n" \
           "Keeps heat where it belongs.\n:::" in text
    assert ":::{card} Tram Networks\n\nNot a chapter of the book yet.\n:::" in text
    assert ":::{card} Transit Agency\n:link: https://transit.example.org\n" \
           ":img-top: figures/cargo-bike.png\n" in text
    assert (book / "transportation" / "figures" / "cargo-bike.png").read_bytes() == \
        (SITE / "static" / "img" / "cargo-bike.png").read_bytes()
    placeholder = directive_blocks(text, "admonition")[0]
    assert placeholder.startswith(":::{admonition} Not converted: Tabs component\n:class: warning")
    assert '<TabItem value="bus" label="Bus">Buses run on roads.</TabItem>' in placeholder
    assert "Colour is *[not converted: Highlight component]* on the old site." in text
    assert "Fares are **low** and *simple*. Routes are frequent.\n\nA line after a break." in text
    assert "Video: [A tram line opens](https://www.youtube.com/watch?v=tRaM123&t=30)" in text
    assert "comment" not in text.lower()
    # No raw HTML left outside the placeholder's code block.
    outside_code = re.sub(r"```text.*?```", "", text, flags=re.S)
    assert not re.search(r"<[a-zA-Z/]", outside_code)
    report = page_report(out, "html-and-jsx.md")
    for expected in ("html-and-jsx.md:4: JSX line dropped: \"import ImageCard from",
                     "html-and-jsx.md:6: JSX line dropped: 'export const cityCount = 12;'",
                     "html-and-jsx.md:12: card picture /img/missing-card.jpg not found",
                     "html-and-jsx.md:19: card link ../solution-tram-networks has no page in the book",
                     "html-and-jsx.md:34: JSX component <Tabs> not converted",
                     "html-and-jsx.md:39: JSX component <Highlight> in a line of text not converted",
                     "html-and-jsx.md:41: comment dropped: 'A comment over two lines.'",
                     "html-and-jsx.md:46: comment dropped: 'an inline comment'",
                     "html-and-jsx.md:46: HTML tag '<span style=\"color: red\">' removed",
                     "3 cards, 1 video"):
        assert expected in report, expected


def test_links(book, run):
    status, out, _ = run(DOCS / "links.md")
    assert status == 0
    text = read(book / "transportation" / "links.md")
    for expected in ("- A web link: [Ride sharing study](https://study.example.org/rides).",
                     "- A mail link: [write to us](mailto:editors@example.org).",
                     "- A phone link: call us.",
                     "- A chapter of the book: [insulation](../buildings/insulation.md).",
                     "- A part of the book: [the buildings sector](../buildings/index.md).",
                     "- A page the book does not have: solutions.",
                     "- A glossary term: {term}`COP`.",
                     "- A glossary term the book does not have: carbon budget.",
                     "- A heading of this page: [back to the links](#links).",
                     "- A heading that does not exist: nowhere.",
                     "- No address at all: empty.",
                     "- No scheme: [example site](https://www.example.org).",
                     "- An autolink: <https://auto.example.org>.",
                     "- Code is left alone: `[not a link](../solution-x)`."):
        assert expected in text, expected
    report = page_report(out, "links.md")
    assert "converted: 0 companies, 0 case studies, 0 admonitions, 8 links" in report
    for line, message in ((11, "link to tel:+15550100"),
                          (12, "now points to the book's ../buildings/insulation.md"),
                          (14, "link to solutions (a page of the old site) has no page in the book"),
                          (15, "now points to the glossary term 'COP'"),
                          (16, "link to /glossary/#carbon-budget"),
                          (18, "link to '#nowhere' in the page: no such heading"),
                          (19, "link 'empty' has no address")):
        assert f"links.md:{line}: {message}" in report or \
            re.search(rf"links\.md:{line}: [^\n]*{re.escape(message)}", report), (line, message)


def test_pictures(book, run):
    status, out, _ = run(DOCS / "pictures.md")
    assert status == 0
    text = read(book / "transportation" / "pictures.md")
    assert "```{figure} figures/video-call.png\n:alt: A video call\n\n" \
           "Photo: [Handbook fixtures](https://fixtures.example.org/video-call)\n```" in text
    assert "```{figure} figures/cargo-bike.png\n```" in text
    assert ":::{admonition} Picture not imported: A missing picture\n:class: warning\n\n" \
           "The picture `../static/img/not-there.jpg` was not found when this page was imported." \
           "\n\n*Image Credit: [Somebody](https://credits.example.org)*\n:::" in text
    assert "Picture on another site: [A remote picture](https://pictures.example.org/remote.png)" \
        in text
    assert "An inline picture ![small call](figures/video-call.png) in a sentence." in text
    assert "```{figure} figures/video-call.png\n:alt: An HTML picture\n```" in text
    figures = book / "transportation" / "figures"
    assert sorted(p.name for p in figures.iterdir()) == ["cargo-bike.png", "pictures.yml",
                                                         "video-call.png"]
    # Who made them is not known: recorded so, which the build refuses until filled in.
    records = yaml.safe_load(read(figures / "pictures.yml"))
    assert records["video-call.png"] == {
        "source": "the old Climate Tech Handbook site, video-call.png", "licence": "unknown"}
    report = page_report(out, "pictures.md")
    assert "4 pictures" in report
    assert "pictures.md:12: picture ../static/img/not-there.jpg not found: a placeholder is in " \
           "the chapter" in report
    assert "pictures.md:16: picture 'A remote picture' is on another site" in report


def test_pictures_are_looked_for_under_static(book, run, tmp_path):
    page = write_page(tmp_path / "elsewhere", "solution-telepresence.md", "---\ntitle: Telepresence\n"
                      "---\n\nCalls.\n\n![A call](../static/img/video-call.png)\n")
    run(page)
    assert "Picture not imported: A call" in read(book / "transportation" / "telepresence.md")
    status, out, _ = run(page, "--static", SITE / "static", "--force")
    assert status == 0
    assert "```{figure} figures/video-call.png\n:alt: A call\n```" in \
        read(book / "transportation" / "telepresence.md")


def test_a_picture_name_taken_by_another_picture_gets_the_chapter_prefix(book, run, tmp_path):
    (book / "transportation" / "figures").mkdir(parents=True)
    (book / "transportation" / "figures" / "video-call.png").write_bytes(b"another picture")
    run(DOCS / "pictures.md")
    text = read(book / "transportation" / "pictures.md")
    assert "```{figure} figures/pictures-video-call.png" in text
    assert (book / "transportation" / "figures" / "video-call.png").read_bytes() == b"another picture"


# -- placing pages in the book ---------------------------------------------------------------
def test_chapter_goes_in_its_part_toctree_and_a_new_part_is_created(book, run):
    run(DOCS / "solution-bicycle-infrastructure.md", DOCS / "links.md")
    part = read(book / "transportation" / "index.md")
    assert part.startswith("# Transportation\n\n% Placeholder introduction written by `handbook import`")
    assert part.endswith("```{toctree}\n:maxdepth: 1\n\nbicycle-infrastructure\nlinks\n```\n")
    parts = re.search(r"```\{toctree\}\n:caption: Parts\n.*?```", read(book / "index.md"), re.S).group(0)
    assert "\nbuildings/index\n" in parts and parts.endswith("\ntransportation/index\n```")


def test_a_chapter_goes_to_the_part_of_its_home_sector(book, run, tmp_path):
    site = tmp_path / "site"
    run(write_page(site, "solution-silvopasture.md", "---\ntitle: Silvopasture\n---\n\nTrees.\n"))
    assert (book / "land-sinks" / "index.md").is_file()
    # Plant-Rich Diets is listed under "Food, Agriculture, and Land Use" and "Land Sinks": its
    # home is the first, though only Land Sinks has a part yet.
    run(write_page(site, "solution-plant-rich-diets.md", "---\ntitle: Plant-Rich Diets\n---\n\nEat.\n"))
    assert (book / "food-agriculture-and-land-use" / "plant-rich-diets.md").is_file()
    assert "plant-rich-diets" not in read(book / "land-sinks" / "index.md")
    # Buildings first: Solar Hot Water ("Electricity; Buildings") joins Buildings, though the
    # book has an Electricity part.
    run(write_page(site, "solution-geothermal-power.md", "---\ntitle: Geothermal Power\n---\n\nHot.\n"))
    run(write_page(site, "solution-solar-hot-water.md", "---\ntitle: Solar Hot Water\n---\n\nSun.\n"),
        "--force")
    assert "solar-hot-water" not in read(book / "electricity" / "index.md")
    assert (book / "buildings" / "solar-hot-water.md").is_file()
    status, out, _ = run(write_page(site, "solution-district-heating.md",
                                    "---\ntitle: District Heating\n---\n\nPipes.\n"), "--force")
    assert status == 0 and "-> book/buildings/district-heating.md (updated)" in out


def test_sector_page_becomes_the_part_introduction(book, run):
    status, out, _ = run(DOCS / "sector-transportation.md")
    assert status == 0
    part = read(book / "transportation" / "index.md")
    assert part.startswith("# Transportation\n\nTransport moves people and goods")
    # A part page has no sections of its own: its headings are rubrics.
    assert "```{rubric} Sector Overview\n```" in part and "\n## " not in part
    assert ":::{admonition} Job openings\n:class: company\n\n[View open jobs in this Sector]" \
           "(https://climatebase.org/jobs?l=&q=&sectors=Transportation)" in part
    assert "transportation/index" in read(book / "index.md")
    assert "the page is the introduction of the part" in page_report(out, "sector-transportation.md")
    # Its chapters are listed in the same part page.
    run(DOCS / "links.md")
    part = read(book / "transportation" / "index.md")
    assert part.startswith("# Transportation\n\nTransport moves people") and part.endswith("\nlinks\n```\n")


def test_sector_page_keeps_the_toctree_of_an_existing_part(book, run, tmp_path):
    page = write_page(tmp_path / "site", "sector-buildings.md",
                      "---\ntitle: Buildings\n---\n\nOur own introduction to buildings.\n")
    status, out, err = run(page)
    assert status == 1
    assert "book/buildings/index.md already exists and differs from this import: the part page " \
           "was not overwritten (use --force to replace it)" in out + err
    status, _, _ = run(page, "--force")
    assert status == 0
    part = read(book / "buildings" / "index.md")
    original = read(REPO / "book" / "buildings" / "index.md")
    assert part.startswith("# Buildings\n\nOur own introduction to buildings.\n\n```{toctree}")
    assert part.endswith(original[original.index("```{toctree}"):])


def test_page_that_is_no_solution_needs_a_part(book, run):
    status, out, err = run(DOCS / "unplaced-page.md")
    assert status == 1
    assert "cannot tell which part of the book the page belongs to: its title 'Notes from the " \
           "Editors' is no Project Drawdown solution and no sector; give the part with --part" in err
    assert not (book / "transportation").exists()
    status, _, _ = run(DOCS / "unplaced-page.md", "--part", "Transportation")
    assert status == 0
    text = read(book / "transportation" / "unplaced-page.md")
    # No Drawdown fields; the page it was made from.
    assert text.startswith("---\nimported_from: unplaced-page.md\n---\n\n(unplaced-page)=\n"
                           "# Notes from the Editors\n")


# -- bad input: a clear report, never a traceback ---------------------------------------------
def test_admonition_never_closed(book, run):
    status, out, _ = run(DOCS / "broken-unclosed-admonition.md")
    assert status == 0
    text = read(book / "industry" / "broken-unclosed-admonition.md")
    assert ":::{admonition} Start small\n:class: tip\n\nA bucket under the sink is enough.\n:::" \
           "\n\n## Overview\n\nText after the box that was never closed.\n" in text
    report = page_report(out, "broken-unclosed-admonition.md")
    assert "broken-unclosed-admonition.md:7: ':::tip' is never closed: closed before the " \
           "heading on line 10" in report
    assert "broken-unclosed-admonition.md:13: ':::' closes no admonition: dropped" in report


def test_malformed_front_matter(book, run):
    status, out, _ = run(DOCS / "broken-front-matter.md")
    assert status == 0
    text = read(book / "industry" / "broken-front-matter.md")
    assert "drawdown_solution: Recycling" in text and "# Recycling\n" in text
    assert "tags" not in text
    assert re.search(r"broken-front-matter\.md:4: malformed front matter YAML \(.*\): its keys "
                     r"are dropped except its title line", out)


@pytest.mark.parametrize("name, content, line, message", [
    ("cp1252.md", b"---\ntitle: Recycled Paper\n---\n\nPapeterie R\xe9union.\n", 5,
     "the line is not UTF-8 (bytes 0xE9): read as cp1252, check the result: "
     "'Papeterie R\u00e9union.'"),
    ("fm-unclosed.md", b"---\ntitle: Recycled Paper\n\nNo closing line.\n", 1,
     "the front matter is never closed"),
    ("comment-unclosed.md", b"---\ntitle: Recycled Paper\n---\n\nText <!-- never closed\n", 5,
     "comment opened with '<!--' is never closed"),
    ("fence-unclosed.md", b"---\ntitle: Recycled Paper\n---\n\n```python\nprint(1)\n", 5,
     "code block is never closed"),
    ("company-no-url.md", b"---\ntitle: Recycled Paper\n---\n\n:::company x\n"
                          b"- Paperworks - Recycles paper.\n:::\n", 6,
     "company line with no web address"),
    ("case-out-of-pattern.md", b"---\ntitle: Recycled Paper\n---\n\n## A\n\n### B\n\n"
                               b"**Case Studies:**\n1. **Mill**: no link.\n", 10,
     "case study out of pattern"),
])
def test_bad_input_is_reported_with_file_and_line(book, run, tmp_path, name, content, line, message):
    page = write_page(tmp_path / "site", name, content)
    status, out, err = run(page)
    assert status == 0, err
    assert f"site/{name}:{line}: {message}" in out
    assert (book / "industry" / Path(name).with_suffix(".md").name).is_file()
    assert "Traceback" not in out + err


@pytest.mark.parametrize("make, message", [
    (lambda folder: folder / "missing.md", "cannot read the page: No such file or directory"),
    (lambda folder: folder, "cannot read the page: Is a directory"),
    (lambda folder: write_page(folder, "picture.md", b"\x89PNG\r\n\x00\x00"),
     "the file is not a text page"),
])
def test_unreadable_pages_fail_with_a_message(book, run, tmp_path, make, message):
    folder = tmp_path / "site"
    folder.mkdir(exist_ok=True)
    status, out, err = run(make(folder))
    assert status == 1
    assert message in err and "Traceback" not in out + err


def test_no_book_no_run(tmp_path, capsys):
    status = main(["import", str(DOCS / "links.md"), "--into", str(tmp_path)])
    assert status == 1
    assert f"{tmp_path} is not a book: it has no index.md" in capsys.readouterr().err


# -- the command: exit status, --strict, --force, idempotence --------------------------------
def test_report_summary_and_exit_status(book, run):
    status, out, err = run(DOCS / "links.md", DOCS / "clean-page.md")
    assert status == 0 and err == ""
    assert out.rstrip().endswith("2 pages into book: 2 new; 5 construct(s) not converted "
                                 "(listed above)")


def test_strict_makes_any_unconverted_construct_an_error(book, run):
    status, out, err = run(DOCS / "links.md", DOCS / "clean-page.md", "--strict")
    assert status == 1
    assert "links.md: --strict: 5 construct(s) not converted (listed above), so the page was " \
           "not written" in err
    assert not (book / "transportation" / "links.md").exists()
    assert "clean-page.md -> book/transportation/clean-page.md (new)" in out
    assert (book / "transportation" / "clean-page.md").is_file()
    status, _, _ = run(DOCS / "clean-page.md", "--strict")
    assert status == 0


def test_pages_imported_together_link_to_each_other_only_if_written(book, run, tmp_path):
    site = tmp_path / "site"
    write_page(site, "solution-electric-trains.md",
               "---\ntitle: Electric Trains\n---\n\nTrains. <!-- a note -->\n")
    linking = write_page(site, "solution-high-speed-rail.md", "---\ntitle: High-Speed Rail\n---\n\n"
                         "See [electric trains](../solution-electric-trains).\n")
    status, out, _ = run(linking, site / "solution-electric-trains.md")
    assert status == 0
    rail = read(book / "transportation" / "high-speed-rail.md")
    assert "See [electric trains](electric-trains.md)." in rail
    # Under --strict the trains page is not written (its comment is dropped), so the other
    # page cannot link to it: the link is plain text, reported, and that page fails too.
    shutil.rmtree(book / "transportation")
    status, out, err = run(linking, site / "solution-electric-trains.md", "--strict")
    assert status == 1
    report = page_report(out, "solution-high-speed-rail.md")
    assert "link to ../solution-electric-trains (a page of the old site) has no page in the " \
           "book" in report
    assert not (book / "transportation").exists()


def test_existing_chapter_is_not_overwritten_without_force(book, run, tmp_path):
    page = write_page(tmp_path / "site", "solution-insulation.md",
                      "---\ntitle: Insulation\n---\n\nA shorter text than the book's.\n")
    chapter = book / "buildings" / "insulation.md"
    before = read(chapter)
    status, out, err = run(page)
    assert status == 1
    assert "book/buildings/insulation.md already exists and differs from this import: the " \
           "chapter was not overwritten (use --force to replace it)" in err
    assert "(refused)" in out and read(chapter) == before
    status, out, _ = run(page, "--force")
    assert status == 0 and "(updated)" in out
    assert read(chapter).endswith("# Insulation\n\nA shorter text than the book's.\n")
    assert read(book / "buildings" / "index.md").count("\ninsulation\n") == 1


def test_importing_twice_gives_the_same_book(book, run):
    pages = sorted(p for p in DOCS.glob("*.md") if p.name != "unplaced-page.md")
    status, first, _ = run(*pages)
    assert status == 0
    digest = tree_digest(book)
    status, second, _ = run(*pages)
    assert status == 0
    assert tree_digest(book) == digest
    assert re.findall(r"\((new|updated|unchanged)\)", second) == ["unchanged"] * len(pages)
    status, _, _ = run(*pages, "--force")
    assert status == 0 and tree_digest(book) == digest
    assert read(book / "index.md").count("transportation/index") == 1
    assert read(book / "transportation" / "index.md").count("\nlinks\n") == 1


def test_console_script(book, tmp_path):
    script = Path(sys.executable).parent / "handbook"
    result = subprocess.run([str(script), "import", str(DOCS / "clean-page.md"), "--into", str(book)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "converted: 1 company, 1 case study, 1 admonition" in result.stdout
    result = subprocess.run([str(script), "import"], capture_output=True, text=True)
    assert result.returncode == 2 and "usage: handbook import" in result.stderr


# -- imported books build without warnings ---------------------------------------------------
def check_builds(book: Path, out: Path, *options: str) -> None:
    for builder in ("html", "latex"):
        result = build(book, builder, out / builder, *options)
        assert result.returncode == 0 and not result.stderr.strip(), result.stderr


def written_as_the_book_does(region: str) -> str:
    """The old site's region as the importer writes it ("USA" becomes "United States")."""
    try:
        return vocabulary.place(region).text
    except vocabulary.VocabularyProblem as problem:
        return problem.suggestion or region


def chapter_soup(out: Path, target: str) -> BeautifulSoup:
    html = out / "html" / Path(target).relative_to("book").with_suffix(".html")
    return BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")


def test_imported_fixture_pages_build_once_their_pictures_have_a_licence(book, run, tmp_path):
    pages = [p for p in DOCS.glob("*.md") if p.name != "unplaced-page.md"]
    status, out, _ = run(*pages)
    assert status == 0
    assert "picture cargo-bike.png: who made it and its licence are not known; recorded as " \
           "'unknown' in figures/pictures.yml" in out
    # The old site never said who made its pictures: the build refuses them, at their lines.
    records = book / "transportation" / "figures" / "pictures.yml"
    result = build(book, "html", tmp_path / "refused")
    assert result.returncode != 0
    assert f"{records}:2: WARNING: cargo-bike.png: its licence is not known yet" in \
        result.stderr, result.stderr
    assert "bicycle-infrastructure.md:12: WARNING: picture 'figures/cargo-bike.png' has no " \
           "recorded source and licence" in result.stderr
    # Once someone has found out, it builds without a warning.
    records.write_text(records.read_text().replace(
        "licence: unknown", "url: https://pictures.example.org/p\n  licence: CC-BY-4.0"))
    check_builds(book, tmp_path / "out")
    soup = chapter_soup(tmp_path / "out", "book/transportation/bicycle-infrastructure.md")
    titles = [t.get_text(strip=True) for t in soup.select(".hb-case-title")]
    assert titles == ["Utrecht Station Garage", "Seville Network", "Lanewise Greenway"]
    companies = [a.get_text(strip=True) for a in soup.select(".hb-company strong a")]
    assert companies == ["Lanewise", "Rackworks", "Signal Loop"]
    assert soup.select_one("figure img")["src"].endswith("cargo-bike.png")


def as_read(text: str) -> str:
    """Text as the source wrote it: Sphinx turns ' into a typographic apostrophe."""
    return " ".join(text.replace("\u2019", "'").split())


def source_companies(text: str) -> list[str]:
    """Names of the companies of a page's ':::company' blocks, read from the page itself."""
    names = []
    for block in re.findall(r"^:::company.*?^:::\s*$", text, re.S | re.M):
        for line in re.findall(r"^\s*[-*] (.+)$", block, re.M):
            names += re.findall(r"\[([^\]]+)\]\(https?://", line)[:1]
    return names


def source_case_studies(text: str) -> list[str]:
    """Names of the numbered case studies of a page (before ', Region' when there is one)."""
    names = []
    for section in re.split(r"^\*\*Case Studies:\*\*\s*$", text, flags=re.M)[1:]:
        for name in re.findall(r"^\d+\. \*\*(.+?)\*\*", section.split("\n\n")[0], re.M):
            names.append(name.rsplit(", ", 1)[0])
    return names


@needs_upstream
def test_upstream_pages_import_and_build_without_warnings(book, run, tmp_path):
    pages = sorted(p for p in UPSTREAM.glob("*.md") if p.name != "README.md")
    status, out, err = run(*pages, "--force")
    assert status == 0, err
    # --force replaces the book's heat pump chapter with the old page, which cites nothing:
    # the chapter's sources stay in the bibliography, unused, for its author to decide on.
    # The old site writes American English: each such word is a house-style warning at its
    # line, for the editor who rewrites the page; any other warning fails.
    for builder in ("html", "latex"):
        result = build(book, builder, tmp_path / "out" / builder, "-D", "handbook_check_unused=0")
        warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
        assert warnings and all(re.match(r"\S+\.md:\d+: WARNING: house style: British spelling",
                                         line) for line in warnings), result.stderr
    for page in pages:
        report = page_report(out, page.name)
        target = re.search(r" -> (\S+) ", report).group(1)
        soup = chapter_soup(tmp_path / "out", target)
        text = as_read(soup.select_one("article").get_text(" "))
        source = page.read_text(encoding="utf-8")
        companies = [as_read(a.get_text(" ")) for a in soup.select(".hb-company strong a")]
        for company in source_companies(source):
            assert company in companies, (page.name, company)
        for study in source_case_studies(source):
            assert study in text, (page.name, study)
        # Case studies in the pattern are case-study boxes, with their region.
        boxes = {as_read(t.get_text()) for t in soup.select(".hb-case-title")}
        for title, region in re.findall(r"^\d+\. \*\*(.+), ([^,*]+)\*\*:", source, re.M):
            assert title in boxes, (page.name, title)
            assert region in text or written_as_the_book_does(region) in text


def test_case_study_places_and_sectors_are_written_as_the_book_writes_them(book, run, tmp_path):
    page = write_page(tmp_path / "site", "solution-electric-cars.md", """\
---
title: Electric Cars
---

Electric cars need no fuel.

### Transportation

**Case Studies:**

1. **City Fleet, USA**: Replaced its cars with electric ones ([City](https://city.example.com)).
2. **Depot, Oz**: Charged buses at night ([Depot](https://depot.example.com)).
""")
    status, out, _ = run(page)
    text = read(book / "transportation" / "electric-cars.md")
    assert ":::{case-study} City Fleet\n:region: United States\n:sector: Transport\n" in text
    report = page_report(out, "solution-electric-cars.md")
    assert "case-study region 'USA' written 'United States'" in report
    assert "case-study sector 'Transportation' written 'Transport'" in report
    # "Oz" is no place the book knows: part of the name, and the region is to be filled in.
    assert ":::{case-study} Depot, Oz\n:region: Not stated\n" in text
    assert re.search(r"solution-electric-cars.md:12: case study 'Depot, Oz': the page names no "
                     r"region: written 'Not stated'", report), report


# -- every case-study shape of the site, and "Not stated" ------------------------------------
def test_every_case_study_shape_becomes_a_case_study(book, run):
    status, out, _ = run(DOCS / "case-study-shapes.md")
    assert status == 0
    text = read(book / "transportation" / "case-study-shapes.md")
    assert "\nimported_from: case-study-shapes.md\n---\n" in text
    heads = [block.split("\n:link:")[0] for block in directive_blocks(text, "case-study")]
    assert heads == [
        ":::{case-study} Eviation Alice\n:region: Not stated\n:sector: Transport",
        ":::{case-study} ISS\n:region: Not stated\n:sector: Transport",
        ":::{case-study} World Agroforestry Centre (ICRAF)\n:region: Not stated\n:sector: Transport",
        ":::{case-study} Harbour Air\n:region: Canada\n:sector: Transport",
        ":::{case-study} Green Taxiing (GT)\n:region: United Kingdom\n:sector: Transport",
        ":::{case-study} Skyvolt\n:region: Not stated\n:sector: Transport\n:company: Skyvolt",
        ":::{case-study} Ground Power\n:region: Global\n:sector: Transport",
        ":::{case-study} Wing Lab\n:region: Netherlands\n:sector: Public and institutional",
        ":::{case-study} Quiet Props, Inc.\n:region: Not stated\n:sector: Public and institutional",
        ":::{case-study} Contrail Avoidance Trial\n:region: Germany\n:sector: Not stated",
    ]
    # The name that is a link gives the link; a link inside the text stays in the text.
    assert ":::{case-study} ISS\n:region: Not stated\n:sector: Transport\n" \
           ":link: https://iss.example.com\n\nRecycles most of the water on board " \
           "{footcite:p}`issweb`.\n:::" in text
    assert ":link: https://taxi.example.com\n\nTaxis aircraft with electric tugs, as " \
           "[a trial](https://taxi.example.com) showed {footcite:p}`atrialweb`.\n:::" in text
    # No link: the website of the company of the page's panel it names.
    assert ":company: Skyvolt\n:link: https://skyvolt.example.com\n" in text
    report = page_report(out, "case-study-shapes.md")
    assert "converted: 1 company, 10 case studies" in report
    page = DOCS / "case-study-shapes.md"
    assert f"{page}:21: case study 'Skyvolt' gives no link: linked to the website of the " \
           "company 'Skyvolt', https://skyvolt.example.com" in report
    assert f"to fill in (6):\n    {page}:16: case study 'Eviation Alice': the page names no " \
           "region: written 'Not stated'" in report
    assert f"{page}:34: case study 'Contrail Avoidance Trial': the heading above it ('Pilots " \
           "Worth Watching') names none of the book's sectors: written 'Not stated'" in report
    # The one item that is no case study (no link, no company) is listed with its line.
    assert re.findall(r"case-study-shapes\.md:(\d+): case study out of pattern", report) == ["29"]
    assert "- **Contrail Watch**: Reroutes flights" in text


NOT_STATED_CHAPTER = """\
---
{front}---

# Aviation

:::{{case-study}} Eviation Alice
:region: Not stated
:sector: Not stated
:link: https://eviation.example.com

All-electric aircraft for nine passengers.
:::

:::{{case-study}} Harbour Air
:region: Canada
:sector: Transport
:link: https://harbourair.example.com

Flew an electric seaplane.
:::
"""
CASE_STUDY_INDEX = """\
# Case studies

```{case-study-index} sector
```

```{case-study-index} country
```

```{case-study-index} world-region
```
"""


def test_not_stated_is_accepted_in_imported_chapters_only(build_book):
    index = "# Book\n\n```{toctree}\naviation\ncase-studies\n```\n"
    imported = NOT_STATED_CHAPTER.format(front="imported_from: docs/solution-efficient-aviation.md\n")
    app, warnings = build_book({"index.md": index, "aviation.md": imported,
                                "case-studies.md": CASE_STUDY_INDEX})
    assert warnings == ""
    soup = BeautifulSoup((app.outdir / "case-studies.html").read_text(), "html.parser")
    for grouping in ("sector", "country", "world-region"):
        groups = {dt.get_text(strip=True): dd.get_text(" ", strip=True) for dt, dd in zip(
            soup.select(f"dl.hb-by-{grouping} > dt"), soup.select(f"dl.hb-by-{grouping} > dd"))}
        assert "Eviation Alice" in groups["Not stated"], grouping
        assert "Harbour Air" not in groups["Not stated"], grouping
    # Not on the map, which counts case studies by country: only Canada has one.
    assert country_counts(app.env) == Counter({"CA": 1})
    # In a chapter the book's authors write, "Not stated" is a warning at its line.
    other = NOT_STATED_CHAPTER.format(front="sectors: [Transportation]\n")
    _, warnings = build_book({"index.md": index, "aviation.md": other,
                              "case-studies.md": CASE_STUDY_INDEX}, srcdir=None)
    source = re.escape(str(Path(app.srcdir) / "aviation.md"))
    for line, option in ((8, "region"), (9, "sector")):
        assert re.search(rf"{source}:{line}: WARNING: case-study 'Eviation Alice' :{option}: "
                         r"'Not stated' is allowed only in a chapter imported from the old site",
                         warnings), warnings


# -- --site: pictures, order, every page -----------------------------------------------------
def picture_file(path: Path, kind: str, frames: int = 1) -> Path:
    """A small picture of *kind* (WEBP, GIF) made with Pillow; frames of different colours."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    images = [Image.new("RGB", (8, 6), colour) for colour in ("red", "blue", "green")[:frames]]
    images[0].save(path, format=kind, save_all=frames > 1, append_images=images[1:])
    return path


def test_site_pictures_are_found_and_converted_to_png(book, run, tmp_path):
    from PIL import Image

    site = tmp_path / "old-site"
    picture_file(site / "static" / "img" / "thermostat.webp", "WEBP")
    picture_file(site / "static" / "img" / "spinning.gif", "GIF", frames=3)
    picture_file(site / "docs" / "img" / "forest.webp", "WEBP")
    (site / "static" / "img" / "broken.gif").write_bytes(b"GIF89a not really")
    # The page is imported from elsewhere: only --site says where the pictures are.
    page = write_page(tmp_path / "elsewhere", "solution-smart-thermostats.md", """\
---
title: Smart Thermostats
---

![A thermostat](/img/thermostat.webp)

![Spinning](../static/img/spinning.gif)

![A forest](img/forest.webp)

![Broken](/img/broken.gif)

![Remote](https://cdn.example.org/thermostat.jpg)

A small ![remote icon](https://cdn.example.org/icon.png) in a sentence.
""")
    status, out, _ = run(page, "--site", site, "--force", "--report", tmp_path / "r.json")
    assert status == 0
    chapter = book / "buildings" / "smart-thermostats.md"
    text = read(chapter)
    assert "```{figure} figures/thermostat.png\n:alt: A thermostat\n```" in text
    assert "```{figure} figures/spinning.png\n:alt: Spinning\n```" in text
    assert "```{figure} figures/forest.png\n:alt: A forest\n```" in text
    figures = book / "buildings" / "figures"
    with Image.open(figures / "spinning.png") as png:
        assert (png.format, png.size, png.getpixel((0, 0))[:3]) == ("PNG", (8, 6), (255, 0, 0))
    # Pictures on other sites: linked, and listed with their address.
    assert "Picture on another site: [Remote](https://cdn.example.org/thermostat.jpg)" in text
    assert "A small [remote icon](https://cdn.example.org/icon.png) in a sentence." in text
    report = page_report(out, "solution-smart-thermostats.md")
    assert "solution-smart-thermostats.md:5: picture /img/thermostat.webp converted to PNG " \
           "(thermostat.png)" in report
    assert "solution-smart-thermostats.md:11: picture /img/broken.gif broken.gif cannot be read " \
           "as a picture" in report
    data = json.loads((tmp_path / "r.json").read_text())
    pictures = {(p["line"], p["outcome"], p["file"], p["address"])
                for p in data["pages"][0]["pictures"]}
    assert pictures == {
        (5, "converted to PNG", "book/buildings/figures/thermostat.png", None),
        (7, "converted to PNG", "book/buildings/figures/spinning.png", None),
        (9, "converted to PNG", "book/buildings/figures/forest.png", None),
        (11, "unusable", None, None),
        (13, "on another site", None, "https://cdn.example.org/thermostat.jpg"),
        (15, "on another site", None, "https://cdn.example.org/icon.png")}
    # Importing again changes nothing: the same PNG bytes.
    before = tree_digest(book)
    assert run(page, "--site", site, "--force")[0] == 0
    assert tree_digest(book) == before


def test_site_sidebar_orders_the_parts_chapters(book, run, tmp_path):
    site = tmp_path / "old-site"
    write_page(site, "sidebars.js", """\
/** The site's sidebar. */
module.exports = {
  docSidebar: [
    'intro',
    { type: 'category', label: 'Climate Solutions', // parts, then their chapters
      items: [
        { type: 'doc', label: 'Transportation', id: 'sector-transportation' },
        'solution-walkable-cities',
        { type: 'doc', id: 'solution-electric-bicycles' },
        { type: 'doc', id: 'solution-carpooling', label: 'Carpooling' },
      ] },
  ],
};
""")
    for name, title in (("solution-carpooling.md", "Carpooling"),
                        ("solution-walkable-cities.md", "Walkable Cities"),
                        ("solution-electric-bicycles.md", "Electric Bicycles")):
        write_page(site / "docs", name, f"---\ntitle: {title}\n---\n\nText.\n")
    # Imported one by one, in another order than the sidebar's.
    for name in ("solution-carpooling.md", "solution-walkable-cities.md",
                 "solution-electric-bicycles.md"):
        assert run(site / "docs" / name, "--site", site)[0] == 0
    part = read(book / "transportation" / "index.md")
    toctree = part[part.index("```{toctree}"):]
    assert toctree.index("walkable-cities") < toctree.index("electric-bicycles") \
        < toctree.index("carpooling")
    front = read(book / "transportation" / "carpooling.md")
    assert "\nimported_from: docs/solution-carpooling.md\n" in front


def test_site_without_pages_imports_its_solution_and_sector_pages(book, tmp_path, capsys):
    site = tmp_path / "old-site"
    write_page(site / "docs", "solution-carpooling.md", "---\ntitle: Carpooling\n---\n\nText.\n")
    write_page(site / "docs", "about.md", "---\ntitle: About\n---\n\nNot a chapter.\n")
    assert main(["import", "--site", str(site), "--into", str(book)]) == 0
    out = capsys.readouterr().out
    assert "1 page into book: 1 new" in out and "about.md" not in out
    with pytest.raises(SystemExit) as stopped:
        main(["import", "--site", str(tmp_path / "nowhere"), "--into", str(book)])
    assert stopped.value.code == 2
    assert "--site" in capsys.readouterr().err


# -- the report as data ----------------------------------------------------------------------
def test_json_report_follows_its_schema(book, run, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from handbook.importer.report_json import SCHEMA_FILE

    report_file = tmp_path / "out" / "report.json"
    status, out, _ = run(DOCS / "case-study-shapes.md", DOCS / "pictures.md",
                         DOCS / "broken-unclosed-admonition.md", "--report", report_file)
    data = json.loads(report_file.read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
    pages = {Path(page["source"]).name: page for page in data["pages"]}
    shapes = pages["case-study-shapes.md"]
    assert shapes["status"] == "new" and shapes["target"] == "book/transportation/case-study-shapes.md"
    assert shapes["converted"] == {"case study": 10, "company": 1, "link": 1, "source": 10}
    assert shapes["case_studies"][0] == {
        "line": 16, "title": "Eviation Alice", "region": "Not stated", "sector": "Transport",
        "link": "https://eviation.example.com", "company": None, "not_stated": ["region"]}
    assert [s["not_stated"] for s in shapes["case_studies"]][-1] == ["sector"]
    assert [f["line"] for f in shapes["to_fill_in"]] == [16, 17, 18, 21, 28, 34]
    assert shapes["not_converted"] == [{"line": 29, "message": (
        "case study out of pattern (no link, and its name is no company of the page or of the "
        "book (a case study needs a source a reader can open)): kept as a list item: "
        "'- **Contrail Watch**: Reroutes flights around ice-supersaturated air.'")}]
    assert pages["broken-unclosed-admonition.md"]["errors"] or \
        pages["broken-unclosed-admonition.md"]["not_converted"]
    assert data["summary"]["case_studies"] == 10 and data["summary"]["to_fill_in"] == 6
    assert data["summary"]["pictures_on_other_sites"] == 1
    assert data["summary"]["pages"] == 3


def test_a_case_study_link_the_book_has_is_cited_by_its_key(book, run, tmp_path):
    page = write_page(tmp_path / "site", "solution-composting.md", """\
---
title: Composting
---

### Municipal

**Case Studies:**
1. **Heat Networks, Denmark**: Showed what district heat can do ([Drawdown](http://drawdown.org/solutions/district-heating/)).
2. **Green Bins, Canada**: Collected food scraps ([Heapworks](https://heapworks.example.com)).
""")
    status, out, _ = run(page)
    assert status == 0
    text = read(book / "industry" / "composting.md")
    # The same web address, written another way: the book's entry, not a second one.
    assert "Showed what district heat can do {footcite:p}`drawdown2020districtheating`." in text
    assert "Collected food scraps {footcite:p}`heapworksweb`." in text
    bib = read(book / "references" / "composting-imported.bib")
    assert "drawdown.org" not in bib and bib.count("@misc{") == 1
    assert "case study 'Heat Networks' cites 'drawdown2020districtheating', the book's entry " \
           "for http://drawdown.org/solutions/district-heating/" in page_report(out, "solution-composting.md")
    # Imported again on another day: the day the source was read stays as it was.
    bib_file = book / "references" / "composting-imported.bib"
    bib_file.write_text(re.sub(r"urldate = \{[\d-]+\}", "urldate = {2020-01-02}", bib))
    assert run(page, "--force")[0] == 0
    assert "urldate = {2020-01-02}" in read(bib_file)
