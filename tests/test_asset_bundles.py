"""A page's style sheets and deferred scripts joined into one file each, and its tiny
blocking scripts written into it (web/asset_bundles.py): the joined sheet finds its fonts
and pictures, the scripts keep their order, and a later build, incremental or not, serves
what the files hold now."""

from __future__ import annotations

import re
from types import SimpleNamespace

from handbook.web.asset_bundles import bundle_the_pages, rebased_urls

PAGE = """<!DOCTYPE html><html><head>
<script src="../_static/documentation_options.js"></script>
<script src="../_static/doctools.js"></script>
<script defer="defer" src="../_static/one.js?v=1"></script>
<script defer="defer" src="../_static/scripts/two.js?v=2"></script>
<link href="../_static/basic.css?digest=1" rel="stylesheet" />
<link rel="stylesheet" type="text/css" href="../_static/styles/theme.css?v=3" />
<link rel="stylesheet" type="text/css" href="../_static/print.css" media="print" />
<link rel="stylesheet" href="../pagefind/pagefind-ui.css" />
</head><body><p>Text</p><script defer src="../_static/scripts/late.js"></script></body></html>
"""


def test_a_joined_sheet_finds_what_each_sheet_pointed_to():
    css = ('@font-face{src:url("../vendor/fonts/icons.woff2?v=1#x")}'
           ".a{background:url(pictures/a.png)} .b{background:url('data:image/svg+xml,<svg/>')}"
           ".c{background:url(https://example.org/c.png)} .d{background:url(/e.png)}")
    assert rebased_urls(css, "_static/styles", "_static/bundles") == (
        '@font-face{src:url("../vendor/fonts/icons.woff2?v=1#x")}'
        ".a{background:url(../styles/pictures/a.png)} .b{background:url('data:image/svg+xml,<svg/>')}"
        ".c{background:url(https://example.org/c.png)} .d{background:url(/e.png)}")


def build(tmp_path):
    app = SimpleNamespace(outdir=str(tmp_path / "html"), builder=SimpleNamespace(format="html", name="html"),
                          config=SimpleNamespace(handbook_light_pages=True))
    bundle_the_pages(app, None)


def test_a_page_links_one_sheet_and_one_script_of_its_files_and_keeps_the_others(tmp_path):
    html = tmp_path / "html"
    files = {"_static/documentation_options.js": "var options = {};",
             "_static/doctools.js": "// " + "x" * 3000,
             "_static/one.js": "window.order = ['one']",  # no semicolon at its end
             "_static/scripts/two.js": "window.order.push('two');",
             "_static/scripts/late.js": "", "_static/print.css": "",
             "_static/basic.css": "p{margin:0}", "_static/vendor/icons.woff2": "",
             "_static/styles/theme.css": '@charset "UTF-8";p{font:url(../vendor/icons.woff2)}',
             "pagefind/pagefind-ui.css": "", "book/chapter.html": PAGE}
    for name, text in files.items():
        (html / name).parent.mkdir(parents=True, exist_ok=True)
        (html / name).write_text(text, encoding="utf-8")
    build(tmp_path)
    page = (html / "book" / "chapter.html").read_text(encoding="utf-8")
    head = page.split("</head>")[0]
    assert head.count('rel="stylesheet"') == 3  # the bundle, the print sheet, Pagefind's
    assert "basic.css" not in head and "theme.css" not in head and "one.js" not in head
    # A tiny script that holds up the reading of the page is in it; a big one is not.
    assert "<script>var options = {};</script>" in head and "documentation_options" not in head
    assert 'src="../_static/doctools.js"' in head
    assert 'src="../_static/scripts/late.js"' in page  # in the body: left alone
    (sheet,) = [line for line in head.split("\n") if "bundles/" in line and ".css" in line]
    (script,) = [line for line in head.split("\n") if "bundles/" in line and ".js" in line]
    sheet_file = html / "book" / sheet.split('href="')[1].split("?")[0]
    script_file = html / "book" / script.split('src="')[1].split("?")[0]
    joined_sheet = sheet_file.read_text(encoding="utf-8")
    assert joined_sheet.index("p{margin:0}") < joined_sheet.index("p{font:url(../vendor/icons.woff2)}")
    assert "@charset" not in joined_sheet
    joined_script = script_file.read_text(encoding="utf-8")
    assert joined_script.index("['one']\n;") < joined_script.index("push('two')")

    # A later, incremental build: the page is not written again, a sheet has changed.
    (html / "_static" / "basic.css").write_text("p{margin:1em}", encoding="utf-8")
    build(tmp_path)
    again = (html / "book" / "chapter.html").read_text(encoding="utf-8")
    assert "p{margin:1em}" in sheet_file.read_text(encoding="utf-8")
    # The page's link names the bundle's new checksum, so a browser does not keep the old.
    assert checksum(again, "css") != checksum(page, "css")
    assert checksum(again, "js") == checksum(page, "js")


def checksum(page: str, kind: str) -> str:
    return re.search(rf"bundles/\w+\.{kind}\?v=(\w+)", page).group(1)
