"""The untrusted-content policy and the rest of the bad-input corpus.

Each case is a small chapter and what must come of it: a warning naming file, line and
type, or output that shows the input as written. Together with test_bad_input.py and
test_at_a_glance.py this is the book's bad-input corpus; none of them may end in a
traceback.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

HOSTILE_LINKS = {
    "javascript": "javascript:alert(document.cookie)",
    "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript": "vbscript:msgbox(1)",
    "file": "file:///etc/passwd",
}


@pytest.mark.parametrize("scheme", HOSTILE_LINKS)
def test_hostile_link_in_text_is_an_error_and_never_a_link(build_page, scheme):
    url = HOSTILE_LINKS[scheme]
    app, warnings = build_page(f"# T\n\nSome text.\n\nClick [here]({url}) now.\n")
    assert re.search(rf"index.md:5: WARNING: link to '{re.escape(url[:12])}.*only http, https "
                     r"and mailto links are allowed.*\[handbook.bad-url\]", warnings), warnings
    body = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser").select_one(
        "div.body")
    assert not any(a["href"].startswith(scheme) for a in body.select("a[href]"))
    assert "Click" in body.get_text(" ")


def test_hostile_url_in_a_directive_is_an_error(build_page):
    page = ("# T\n\n:::{case-study} X\n:region: R\n:sector: S\n:link: javascript:alert(1)\n\n"
            "Text.\n:::\n")
    _, warnings = build_page(page)
    assert "index.md:3: WARNING: case-study 'X' :link: the URL 'javascript:alert(1)' is not an " \
           "http(s) address [handbook.bad-url]" in warnings


def test_mailto_and_web_links_are_allowed(build_page):
    app, warnings = build_page("# T\n\n[write](mailto:book@example.org) or [read](https://example.org).\n")
    assert warnings == ""
    body = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser").select_one(
        "div.body")
    hrefs = [a["href"] for a in body.select("a.reference.external")]
    assert hrefs[0].startswith("mailto:book") and hrefs[1] == "https://example.org"


@pytest.mark.parametrize("markup, line", [
    ("<script>alert('x')</script>\n", 3),
    ("<div onclick=\"steal()\">Hello</div>\n", 3),
    ("Text with <img src=x onerror=alert(1)> inline.\n", 3),
])
def test_raw_html_is_removed_with_an_error(build_page, markup, line):
    app, warnings = build_page(f"# T\n\n{markup}")
    assert re.search(rf"index.md:{line}: WARNING: raw HTML is not allowed in chapters and was "
                     r"removed.*\[handbook.raw-content\]", warnings), warnings
    body = str(BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser").select_one(
        "div.body"))
    assert "alert" not in body and "onclick" not in body and "onerror" not in body


def test_raw_directive_is_refused(build_page):
    page = "# T\n\n```{raw} latex\n\\immediate\\write18{rm -rf ~}\n```\n"
    app, warnings = build_page(page, "latex")
    assert "index.md:3: WARNING: the raw directive is not allowed in chapters" in warnings
    assert "write18" not in (app.outdir / "test.tex").read_text()


@pytest.mark.parametrize("directive", [
    "```{include} ../../../../../etc/passwd\n```",
    "```{literalinclude} /../../../../etc/passwd\n```",
    "```{csv-table} Data\n:file: ../outside.csv\n```",
])
def test_file_inclusion_outside_the_book_is_refused(build_page, tmp_path, directive):
    (tmp_path / "outside.csv").write_text("secret,data\n")
    app, warnings = build_page(f"# T\n\n{directive}\n")
    assert re.search(r"index.md:3: WARNING: \S+: '.*' is outside the book's source folder and is "
                     r"not read \[handbook.file-outside-book\]", warnings), warnings
    html = (app.outdir / "index.html").read_text()
    assert "root:" not in html and "secret" not in html


def test_csv_table_url_is_refused(build_page):
    _, warnings = build_page("# T\n\n```{csv-table} Data\n:url: https://example.org/x.csv\n```\n")
    assert "index.md:3: WARNING: csv-table: :url: would download a file while building" in warnings


def test_include_inside_the_book_still_works(build_book):
    app, warnings = build_book({"index.md": "# T\n\n```{include} part.md\n```\n",
                                "part.md": "Included text.\n"}, exclude_patterns=["part.md"])
    assert warnings == ""
    assert "Included text." in (app.outdir / "index.html").read_text()


def test_duplicate_case_study_labels_are_reported(build_page):
    case = ":::{{case-study}} {0}\n:region: R\n:sector: S\n:link: https://example.org\n" \
           ":name: case-same\n\nText.\n:::\n\n"
    _, warnings = build_page("# T\n\n" + case.format("First") + case.format("Second"))
    assert re.search(r"index.md:1[0-9]: WARNING: [Dd]uplicate .*case-same", warnings), warnings


@pytest.mark.parametrize("picture, expected", [
    ("figures/missing.png", "image file not readable: figures/missing.png"),
    ("figures/photo.webp", "picture 'figures/photo.webp': .webp pictures cannot be shown in both "
                           "editions; use PNG, JPEG or SVG [handbook.unsupported-image]"),
    ("figures/anim.gif", "picture 'figures/anim.gif': .gif pictures cannot be shown in both "
                         "editions; use PNG, JPEG or SVG [handbook.unsupported-image]"),
    ("../../secret.png", "picture '../../secret.png' is outside the book's source folder "
                         "[handbook.file-outside-book]"),
    ("https://example.org/tracker.png", "picture 'https://example.org/tracker.png': pictures "
                                        "must be files in the book, not addresses"),
])
def test_bad_pictures_are_reported_with_line(build_book, picture, expected):
    files = {"index.md": f"# T\n\nText.\n\n![A picture]({picture})\n"}
    _, warnings = build_book(files)
    assert "index.md:5: WARNING: " + expected in warnings, warnings


def test_svg_pictures_are_converted_for_the_pdf(build_book, tmp_path):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
           '<rect width="40" height="20" fill="teal"/></svg>')
    srcdir = tmp_path / "svg"
    (srcdir / "figures").mkdir(parents=True)
    (srcdir / "figures" / "box.svg").write_text(svg)
    (srcdir / "figures" / "pictures.yml").write_text("box.svg: {source: ours, licence: CC-BY-4.0}\n")
    app, warnings = build_book({"index.md": "# T\n\n![A box](figures/box.svg)\n"}, "latex",
                               srcdir=srcdir, extensions=["myst_parser", "sphinx_design", "handbook",
                                                          "sphinxcontrib.rsvgconverter"])
    assert warnings == ""
    assert (app.outdir / "box.pdf").exists()


@pytest.mark.parametrize("front_matter, expected", [
    ("drawdown_solution: [unclosed\n", "Malformed YAML"),
    ("- just\n- a list\n", "YAML is not a dict"),
    ("drawdown_solution: 42\nsectors: [Buildings]\n", "front matter 'drawdown_solution' must be a "
                                                      "solution name, not 42"),
    ("drawdown_solution: Cold Fusion\nsectors: [Buildings]\n", "'Cold Fusion' is not a Project "
                                                               "Drawdown solution"),
    ("drawdown_solution: Clean Cooking\nsectors: {a: 1}\n", "front matter 'sectors' must be a list"),
])
def test_broken_or_wrong_front_matter_is_reported(build_page, front_matter, expected):
    _, warnings = build_page(f"---\n{front_matter}---\n\n# T\n\nText.\n")
    assert re.search(r"index.md:\d+: WARNING: " + re.escape(expected), warnings), warnings
    assert "Traceback" not in warnings


# -- LaTeX specials, emoji, non-Latin scripts, a 300-character URL, a 200-row table --------
@pytest.mark.sphinx("html", testroot="scripts")
def test_scripts_page_builds_html_without_warnings(app):
    app.build()
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    names = [a.get_text() for a in soup.select("li.hb-company strong a")]
    assert names == ["شركة الطاقة الشمسية", "सौर ऊर्जा कंपनी", "太阳能公司",
                     "Smith & Sons_%#$~^{}\\ 🌞"]
    assert len(soup.select("table")[-1].select("tbody tr")) == 200


@pytest.mark.sphinx("latex", testroot="scripts")
def test_scripts_page_prints_every_character(app):
    app.build()
    assert app.warning.getvalue() == ""
    subprocess.run(["make", "-C", str(app.outdir), "all-pdf", "LATEXMKOPTS=-silent",
                    "LATEXOPTS=-no-shell-escape -halt-on-error"], check=True, capture_output=True)
    log = (app.outdir / "test.log").read_text(errors="replace")
    assert "Missing character" not in log
    overfull = re.findall(r"^Overfull \\hbox \((\d+\.\d+)pt too wide\)", log, re.M)
    assert [w for w in overfull if float(w) > 1.0] == []
    text = subprocess.run(["pdftotext", str(app.outdir / "test.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    for expected in ("A&B_%#$~^{}\\", "太阳能公司", "東京 heat network", "地域熱供給",
                     "Smith & Sons_%#$~^{}\\", "Row 200", "Value 600"):
        assert expected in text, expected
    # Devanagari and Arabic are shaped; their text comes back from the PDF in pieces, so
    # check that their fonts were used instead.
    fonts = subprocess.run(["pdffonts", str(app.outdir / "test.pdf")], capture_output=True,
                           text=True, check=True).stdout
    for font in ("NotoSansDevanagari", "NotoNaskhArabic", "NotoSansCJK", "Symbola"):
        assert font in fonts, font


def test_shell_escape_is_off_in_the_pdf_build(book):
    build_dir, _ = book
    log = (build_dir / "latex-a4" / "climate-solutions-handbook.log").read_text(errors="replace")
    assert "Shell escape disabled" in log


@pytest.mark.parametrize("title", [r"\<script\>alert(1)\</script\>",
                                   r"\<img src=x onerror=alert(1)\>", "`<script>alert(1)</script>`"])
def test_a_title_that_reads_like_markup_stays_text_in_the_book_theme(build_page, title):
    templates = str(Path(__file__).resolve().parents[1] / "_templates")
    app, warnings = build_page(f"# {title}\n\nText.\n", html_theme="sphinx_book_theme",
                               templates_path=[templates])
    assert warnings == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
    assert not [tag for tag in soup.find_all(True) if "onerror" in tag.attrs]
    print_header = soup.select_one("#jb-print-docs-body h1")
    assert "alert(1)" in print_header.get_text()
