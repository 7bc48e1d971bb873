"""The theme's style sheet cut to the rules the edition can use.

pydata-sphinx-theme ships one style sheet of 377 KB, all of Bootstrap among it, and every
page loads it: half of a chapter page's bytes, and each of its rules is matched against
the page before the first paint. Once the pages are written, a rule is left out when a
selector of it names a class that no page has and no script can add; the rest is kept as
the theme wrote it. A class counts as one a script can add when a script of the edition
has it as a word, or has a word ending in "-" that starts it (Bootstrap builds
``bs-tooltip-auto`` from ``"bs-"``), so the cut errs on keeping a rule.

The cut sheet's link carries a digest of its text (the theme's digest is of the theme's
version), so a reader's browser never keeps an older cut of it when the book changes.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from sphinx.application import Sphinx

from handbook.builders import is_web_edition
from handbook.web.theme_static import theme_static_file

STYLE_SHEET = "pydata-sphinx-theme.css"
_LINK = re.compile(re.escape(STYLE_SHEET) + r"\?digest=([0-9a-f]+)")
# No \b before it: that would make the search ten times slower, and what else ends in
# "class" (data-class="…") only adds words, which keeps rules, never drops one.
_CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S)
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# Blocks whose rules apply under a condition; their rules are cut as the top level's are.
_GROUPING = {"media", "supports", "layer", "container"}


class ClassVocabulary:
    """Every class a page of the edition has, or a script of it may add."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.prefixes: set[str] = set()

    def add_page(self, text: str) -> None:
        for value in _CLASS_ATTRIBUTE.findall(text):
            self.words.update(value.split())
        for script in _INLINE_SCRIPT.findall(text):
            self.add_script(script)

    def add_script(self, text: str) -> None:
        for word in _WORD.findall(text):
            (self.prefixes if word.endswith("-") else self.words).add(word)

    def may_have(self, name: str) -> bool:
        return name in self.words or any(name.startswith(prefix) for prefix in self.prefixes)

    def key(self) -> bytes:
        return repr((sorted(self.words), sorted(self.prefixes))).encode()


def _selectors(prelude: list) -> list[list]:
    """A rule's selector list, split at its top-level commas."""
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _classes_required(selector: list) -> set[str]:
    """The classes an element must have for *selector* to match it: those outside
    :not(), :is() and the like, whose classes are alternatives or exclusions."""
    return {token.value for before, token in zip(selector, selector[1:])
            if before.type == "literal" and before.value == "." and token.type == "ident"}


def _may_match(rule, vocabulary: ClassVocabulary) -> bool:
    return any(all(vocabulary.may_have(name) for name in _classes_required(selector))
               for selector in _selectors(rule.prelude))


def _rules_kept(rules: list, vocabulary: ClassVocabulary) -> list:
    import tinycss2

    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if _may_match(rule, vocabulary):
                kept.append(rule)
        elif rule.type == "at-rule" and rule.content is not None \
                and rule.lower_at_keyword in _GROUPING:
            inner = _rules_kept(tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True), vocabulary)
            if inner:
                kept.append(tinycss2.ast.AtRule(rule.source_line, rule.source_column,
                                                rule.at_keyword, rule.lower_at_keyword,
                                                rule.prelude, inner))
        else:  # @font-face, @keyframes, @charset, @import: kept as they are
            kept.append(rule)
    return kept


@functools.lru_cache(maxsize=2)
def _parsed(text: str) -> list:
    import tinycss2

    return tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)


def cut_style_sheet(text: str, vocabulary: ClassVocabulary) -> str:
    import tinycss2

    return tinycss2.serialize(_rules_kept(_parsed(text), vocabulary))


def theme_style_sheet() -> Path:
    """The theme's whole sheet, as it ships."""
    return theme_static_file("styles", STYLE_SHEET)


def cut_theme_styles(app: Sphinx, exception: Exception | None) -> None:
    if exception or not is_web_edition(app.builder) or not app.config.handbook_light_pages:
        return
    outdir = Path(app.outdir)
    sheet = outdir / "_static" / "styles" / STYLE_SHEET
    if not sheet.is_file():
        return
    pages = {page: page.read_text(encoding="utf-8") for page in outdir.rglob("*.html")
             if "_static" not in page.relative_to(outdir).parts}
    vocabulary = ClassVocabulary()
    for text in pages.values():
        vocabulary.add_page(text)
    for script in sorted((outdir / "_static").rglob("*.js")):
        vocabulary.add_script(script.read_text(encoding="utf-8", errors="replace"))
    theme_text = theme_style_sheet().read_text(encoding="utf-8")
    # The cut depends on the theme's sheet and the vocabulary only: kept between builds.
    key = hashlib.sha256(theme_text.encode() + vocabulary.key()).hexdigest()[:16]
    cache = Path(app.doctreedir) / "handbook-theme-styles" / f"{key}.css"
    if not cache.is_file():
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(cut_style_sheet(theme_text, vocabulary), encoding="utf-8")
    cut = cache.read_text(encoding="utf-8")
    if sheet.read_text(encoding="utf-8") != cut:
        sheet.write_text(cut, encoding="utf-8")
    # The theme's source map is of the whole sheet: it would point a developer's tools at
    # rules the cut left out.
    sheet.with_name(STYLE_SHEET + ".map").unlink(missing_ok=True)
    digest = hashlib.sha256(cut.encode()).hexdigest()[:20]
    for page, text in pages.items():
        linked = _LINK.sub(f"{STYLE_SHEET}?digest={digest}", text)
        if linked != text:
            page.write_text(linked, encoding="utf-8")


def setup_theme_styles(app: Sphinx) -> None:
    app.connect("build-finished", cut_theme_styles)
