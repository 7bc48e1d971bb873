"""Each page's style sheets as one file, its deferred scripts as one, its tiny scripts inline.

A chapter page linked seven style sheets (Sphinx's, the two themes', sphinx-design's,
ours) and three deferred scripts in its head: with the page itself, ten requests before
it could be shown. A browser opens six connections to a host at a time, so they came in
rounds, and the page waited for the last (benchmarks/bench_reader.py: 16 requests, of
which 7 are left, and its DOMContentLoaded about 30 ms sooner on a loopback server).

Once the pages are written, the style sheets a page links from ``_static`` become one
file in ``_static/bundles/``, named after the files it joins, in their order (and the
web addresses in them, fonts and pictures, are rewritten to be right from there); so do
the deferred scripts of its head (deferred scripts run in their order after the page is
read, as the joined one does). Each part of a bundle starts with the name of its file,
so that each build, incremental or not, writes every bundle anew from the files as they
are now (pages an earlier build wrote link bundles too), and each page's link carries
the bundle's checksum, so that a browser never uses an old one.

A script in the head that is neither deferred nor async stops the reading of the page
until it has come; the one a chapter has, Sphinx's settings (``documentation_options.js``,
a third of a kilobyte), is written into the page instead (DOMContentLoaded about 8 ms
sooner).
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx

from handbook.builders import is_web_edition

BUNDLES = Path("_static") / "bundles"
_STYLE_SHEET = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>')
_DEFERRED_SCRIPT = re.compile(r'<script\b[^>]*\bdefer\b[^>]*\bsrc="[^"]+"[^>]*></script>')
_SOURCE = re.compile(r'\b(?:href|src)="([^"]+)"')
_BLOCKING_SCRIPT = re.compile(r'<script src="([^"]+)"></script>')  # no defer, async or type
SMALL_SCRIPT = 2048  # bytes: written into each page that loads it
_BUNDLE_LINK = re.compile(r'(_static/bundles/[0-9a-f]{16}\.(?:css|js))(?:\?v=[0-9a-f]+)?')
_URL = re.compile(r'url\(\s*(["\']?)([^)"\']+)\1\s*\)')
_CHARSET = re.compile(r'@charset\s+"[^"]*";')
_PART = re.compile(r"^/\* (_static/\S+) \*/$", re.M)  # a bundle's part starts with its file


def rebased_urls(css: str, sheet_folder: str, bundle_folder: str) -> str:
    """*css*, from a style sheet in *sheet_folder*, with its relative ``url()``s made
    relative to *bundle_folder* (both relative to the edition's root)."""
    def rebased(match: re.Match) -> str:
        quote, url = match.groups()
        if re.match(r"[a-z][a-z0-9+.-]*:|/|#", url, re.I):  # data:, https:, absolute, fragment
            return match.group(0)
        path, rest = re.match(r"([^?#]*)(.*)", url).groups()
        target = posixpath.normpath(posixpath.join(sheet_folder, path))
        return f"url({quote}{posixpath.relpath(target, bundle_folder)}{rest}{quote})"
    return _URL.sub(rebased, css)


def joined(kind: str, files: list[str], read: Callable[[str], str]) -> str:
    """The bundle's text: the files (paths from the edition's root, their texts from
    *read*) in their order, each after a comment naming it."""
    parts = []
    for name in files:
        text = read(name)
        if kind == "css":
            # @charset counts only at a sheet's start; the edition's pages are UTF-8 anyway.
            text = rebased_urls(_CHARSET.sub("", text), posixpath.dirname(name), BUNDLES.as_posix())
        parts.append(f"/* {name} */\n{text}")
    # A script that ends without a semicolon or inside a comment cannot run into the next.
    return ("\n" if kind == "css" else "\n;\n").join(parts) + "\n"


def bundle_files(bundle: str) -> list[str]:
    """The files a bundle joins, from the comments that start its parts."""
    return _PART.findall(bundle)


def _local_file(tag: str, page: Path, outdir: Path) -> str | None:
    """The file under ``_static`` a tag loads, as a path from the edition's root."""
    found = _SOURCE.search(tag)
    if not found or re.match(r"[a-z][a-z0-9+.-]*:|/", found.group(1), re.I):
        return None
    path = (page.parent / found.group(1).split("?")[0]).resolve()
    try:
        name = path.relative_to(outdir.resolve()).as_posix()
    except ValueError:
        return None
    return name if name.startswith("_static/") and not name.startswith(BUNDLES.as_posix()) \
        and path.is_file() else None


def _inline(match: re.Match, page: Path, outdir: Path, read: Callable[[str], str]) -> str:
    name = _local_file(match.group(0), page, outdir)
    if name is None or (outdir / name).stat().st_size > SMALL_SCRIPT:
        return match.group(0)
    return "<script>" + read(name).replace("</", "<\\/") + "</script>"


def bundled_head(text: str, page: Path, outdir: Path, read: Callable[[str], str],
                 bundles: dict[str, list[str]]) -> str:
    """The page with its head's local style sheets, and its head's deferred scripts, each
    joined into one bundle (its name and files added to *bundles*)."""
    head_end = text.find("</head>")
    if head_end < 0:
        return text
    head = _BLOCKING_SCRIPT.sub(lambda match: _inline(match, page, outdir, read), text[:head_end])
    for kind, pattern in (("css", _STYLE_SHEET), ("js", _DEFERRED_SCRIPT)):
        tags = [(tag, _local_file(tag, page, outdir)) for tag in pattern.findall(head)]
        # (a sheet for some media only, print say, keeps its own link)
        tags = [(tag, name) for tag, name in tags if name and " media=" not in tag]
        if len(tags) < 2:
            continue
        files = [name for _tag, name in tags]
        bundle = hashlib.sha256("\n".join(files).encode()).hexdigest()[:16] + "." + kind
        bundles[bundle] = files
        address = posixpath.relpath(f"{BUNDLES.as_posix()}/{bundle}",
                                    page.parent.relative_to(outdir).as_posix() or ".")
        first, *others = [tag for tag, _name in tags]
        bundle_tag = (f'<link rel="stylesheet" type="text/css" href="{address}" />' if kind == "css"
                      else f'<script defer="defer" src="{address}"></script>')
        head = head.replace(first, bundle_tag, 1)
        for tag in others:
            head = head.replace(tag, "", 1)
    return head + text[head_end:]


def bundle_the_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception or not is_web_edition(app.builder) or not app.config.handbook_light_pages:
        return
    outdir = Path(app.outdir)
    read = functools.cache(lambda name: (outdir / name).read_text(encoding="utf-8"))
    folder = outdir / BUNDLES
    folder.mkdir(parents=True, exist_ok=True)
    # The bundles of pages an earlier build wrote, then those of the pages this one wrote.
    bundles = {path.name: bundle_files(path.read_text(encoding="utf-8"))
               for path in folder.glob("*.*")}
    written = {page: page.read_text(encoding="utf-8") for page in sorted(outdir.rglob("*.html"))}
    texts = {page: bundled_head(text, page, outdir, read, bundles) for page, text in written.items()}
    checksums = {}
    for name, files in bundles.items():
        if not all((outdir / file).is_file() for file in files):
            continue  # a bundle of files this build no longer has: no page links it
        content = joined(name.rsplit(".", 1)[1], files, read)
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != content:
            (folder / name).write_text(content, encoding="utf-8")
        checksums[name] = hashlib.sha256(content.encode()).hexdigest()[:8]
    for page, text in texts.items():
        linked = _BUNDLE_LINK.sub(
            lambda match: f"{match.group(1)}?v={checksums.get(Path(match.group(1)).name, '0')}", text)
        if linked != written[page]:
            page.write_text(linked, encoding="utf-8")


def setup_asset_bundles(app: Sphinx) -> None:
    # After the style sheets' and fonts' cuts (theme_styles.py, icon_fonts.py): the bundles
    # join the files as the edition serves them.
    app.connect("build-finished", bundle_the_pages, priority=900)
