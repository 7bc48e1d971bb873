"""The book says what readers may do with it: licences, credits, how to cite it.

Every edition carries the licence and the citation (the PDFs are checked in
test_editions.py); CITATION.cff and the issue forms pass their schemas; a picture without
a recorded source and licence is refused at its line.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO
from handbook.common.citation_file import read_citation

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def schema_check(schema: str, *files: Path) -> subprocess.CompletedProcess:
    # check-jsonschema ships these schemas: nothing is fetched.
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True)


def test_licence_files_are_complete_and_named_in_the_package_metadata():
    assert "Permission is hereby granted, free of charge" in (REPO / "LICENSE").read_text()
    cc_by = (REPO / "LICENSES" / "CC-BY-4.0.txt").read_text()
    assert cc_by.startswith("Attribution 4.0 International")
    assert "Section 8 -- Interpretation." in cc_by  # the whole legal code, to its last section
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT AND CC-BY-4.0"
    assert set(project["license-files"]) == {"LICENSE", "LICENSES/CC-BY-4.0.txt"}


def test_citation_file_is_valid_and_gives_the_package_version():
    result = schema_check("vendor.citation-file-format", REPO / "CITATION.cff")
    assert result.returncode == 0, result.stdout + result.stderr
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert read_citation(REPO / "CITATION.cff").version == project["version"]


def test_schema_check_refuses_a_citation_file_without_authors(tmp_path):
    broken = tmp_path / "CITATION.cff"
    data = yaml.safe_load((REPO / "CITATION.cff").read_text())
    del data["authors"]
    broken.write_text(yaml.safe_dump(data))
    assert schema_check("vendor.citation-file-format", broken).returncode == 1


def test_issue_forms_are_valid():
    forms = sorted((REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
    assert {form.stem for form in forms} >= {"correction", "new-case-study"}
    result = schema_check("vendor.github-issue-forms", *[f for f in forms if f.stem != "config"])
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.book
def test_every_html_page_states_the_licence_and_links_to_the_credits(html_edition):
    version = read_citation(REPO / "CITATION.cff").version
    pages = [p for p in html_edition.rglob("*.html") if not p.name.startswith("_")
             and "_static" not in p.parts]
    assert len(pages) > 20
    for page in pages:
        footer = BeautifulSoup(page.read_text(), "html.parser").select_one(".hb-licence-footer")
        assert footer is not None, page
        text = " ".join(footer.get_text().split())
        assert "CC BY 4.0" in text and f"Version {version}" in text, page
        link = footer.find("a", string="Licence, credits and how to cite")["href"]
        assert link.endswith("licence.html") or (page.name == "licence.html" and link == "#")


@pytest.mark.book
def test_preface_and_licence_page_say_how_to_cite_the_version(html_edition):
    citation = read_citation(REPO / "CITATION.cff")
    for name in ("preface.html", "licence.html"):
        soup = BeautifulSoup((html_edition / name).read_text(), "html.parser")
        assert soup.select_one(".hb-citation").get_text() == citation.text()
        bibtex = soup.select_one("div.highlight-bibtex pre").get_text()
        assert f"edition   = {{Version {citation.version}}}" in bibtex


# -- pictures: recorded source and licence ---------------------------------------------
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
PAGE = """\
# Pictures

```{figure} figures/diagram.svg
:alt: A diagram

A diagram.
```
"""


def build_with_picture(build_book, tmp_path, records: str | None, page: str = PAGE):
    (tmp_path / "src" / "figures").mkdir(parents=True)  # build_book's source folder
    files = {"index.md": page, "figures/diagram.svg": SVG}
    if records is not None:
        files["figures/pictures.yml"] = records
    return build_book(files)


def test_a_picture_without_a_record_is_refused_at_its_line(build_book, tmp_path):
    app, warnings = build_with_picture(build_book, tmp_path, None)
    assert ("index.md:3: WARNING: picture 'figures/diagram.svg' has no recorded source and "
            "licence: add an entry for 'diagram.svg' to figures/pictures.yml") in warnings
    assert "[handbook.picture-licence]" in warnings
    assert "<img" not in (app.outdir / "index.html").read_text().split('role="main"')[-1]


def test_a_licence_that_forbids_reuse_is_refused_in_the_record(build_book, tmp_path):
    records = ("# pictures\ndiagram.svg:\n  source: A. Photographer\n"
               "  url: https://pictures.example.org/diagram\n  licence: CC-BY-NC-4.0\n")
    _, warnings = build_with_picture(build_book, tmp_path, records)
    assert "figures/pictures.yml:2: WARNING: diagram.svg: licence 'CC-BY-NC-4.0' does not " \
           "allow the reuse the book's CC BY 4.0 promises" in warnings
    assert "index.md:3: WARNING: picture 'figures/diagram.svg' has no recorded source" in warnings


def test_a_picture_by_others_is_credited_in_its_caption_and_on_the_credits_page(build_book,
                                                                                tmp_path):
    records = ("diagram.svg:\n  source: A. Photographer, Wikimedia Commons\n"
               "  url: https://commons.example.org/diagram\n  licence: CC-BY-SA-4.0\n")
    page = PAGE + "\n## Credits\n\n```{picture-credits}\n```\n"
    app, warnings = build_with_picture(build_book, tmp_path, records, page)
    assert warnings == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    caption = " ".join(soup.select_one("figure figcaption").get_text().split())
    assert caption.rstrip("¶").endswith("A diagram. Picture: A. Photographer, Wikimedia Commons, "
                                        "CC BY-SA 4.0. Source.")
    assert soup.select_one("figure figcaption a.reference.external")["href"] == \
        "https://commons.example.org/diagram"
    credit = soup.select_one("ul.hb-picture-credits li").get_text()
    assert "diagram.svg. Picture: A. Photographer, Wikimedia Commons, CC BY-SA 4.0." in credit


def test_a_picture_of_ours_needs_only_its_record(build_book, tmp_path):
    app, warnings = build_with_picture(build_book, tmp_path, "diagram.svg:\n  source: ours\n"
                                                   "  licence: CC-BY-4.0\n")
    assert warnings == ""
    caption = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser") \
        .select_one("figure figcaption").get_text()
    assert "Picture:" not in caption


def test_every_picture_of_the_book_has_its_record():
    from handbook.common.picture_records import RECORDS_FILE, read_records
    from handbook.common.pictures import PICTURE_SUFFIXES

    pictures = [p for p in (REPO / "book").rglob("*") if p.suffix.lower() in PICTURE_SUFFIXES
                and "_generated" not in p.parts]
    assert pictures
    for picture in pictures:
        records, problems = read_records(picture.parent / RECORDS_FILE)
        assert not problems, problems
        assert picture.name in records, picture


def test_a_picture_by_others_in_a_line_of_text_is_credited_after_it(build_book, tmp_path):
    records = ("diagram.svg:\n  source: A. Photographer\n"
               "  url: https://commons.example.org/diagram\n  licence: CC0-1.0\n")
    page = "# Pictures\n\nA small ![diagram](figures/diagram.svg) in a sentence.\n"
    app, warnings = build_with_picture(build_book, tmp_path, records, page)
    assert warnings == ""
    paragraph = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser") \
        .find("img").parent
    assert " ".join(paragraph.get_text().split()) == \
        "A small (Picture: A. Photographer, CC0 1.0. Source) in a sentence."
