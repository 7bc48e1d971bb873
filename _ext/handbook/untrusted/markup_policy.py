"""The threat model of a contributed chapter: every piece of markup, allowed or refused.

Chapters arrive as pull requests and are built on machines that hold secrets (a CI
runner, Read the Docs). Every directive, role, MyST syntax extension and front-matter
key that Sphinx, docutils, MyST, sphinx-design, sphinx-exercise, sphinx-togglebutton,
the book theme and our extension register is listed here with a verdict:

- ``allowed``: it only arranges text the writers escape;
- ``checked``: allowed, and a check elsewhere in this package confines it (the reason
  names the check);
- ``refused``: a located error (``handbook.refused-markup``) and nothing is output.

Anything not listed is refused too, so a library upgrade that registers a new directive
is refused until someone adds it here (``tests/test_markup_policy.py`` compares this
table with the registries and with the README, which shows it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives, roles
from docutils.parsers.rst.languages import en as english
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from handbook.validation import warn

ALLOWED, CHECKED, REFUSED = "allowed", "checked", "refused"


@dataclass(frozen=True)
class Rule:
    verdict: str
    reason: str


def _rules(verdict: str, reason: str, *names: str) -> dict[str, Rule]:
    return {name: Rule(verdict, reason) for name in names}


_CODE_DOCS = "documents software, not a climate solution"
_NOT_NEEDED = "not needed by a chapter; refused to keep the surface small"

DIRECTIVES: dict[str, Rule] = {
    **_rules(ALLOWED, "a box around text the writers escape",
             "admonition", "attention", "caution", "danger", "error", "hint", "important",
             "note", "tip", "warning", "seealso", "topic", "sidebar", "rubric", "epigraph",
             "highlights", "pull-quote", "compound", "container", "centered", "hlist", "acks",
             "line-block", "parsed-literal", "table", "list-table", "index",
             "only", "contents", "sectnum", "section-numbering", "target-notes",
             "sectionauthor", "moduleauthor", "codeauthor", "default-role", "default-domain"),
    **_rules(ALLOWED, "shows code as written", "code", "code-block", "sourcecode", "highlight"),
    **_rules(ALLOWED, "class names are reduced to letters, digits and hyphens",
             "class", "rst-class", "cssclass"),
    **_rules(ALLOWED, "substitution text in {eval-rst}, escaped like any text",
             "replace", "unicode", "date"),
    **_rules(CHECKED, "reads only files inside book/, never with another parser "
                      "(untrusted/content.py)", "include"),
    **_rules(CHECKED, "reads only files inside book/, its :diff: too (untrusted/content.py)",
             "literalinclude"),
    **_rules(CHECKED, ":file: only inside book/, :url: refused (untrusted/content.py)",
             "csv-table"),
    **_rules(CHECKED, "pictures must be PNG, JPEG, PDF or SVG files inside book/ "
                      "(untrusted/content.py)", "image", "figure", "figure-md"),
    **_rules(CHECKED, "TeX checked against an allow-list, rendered to MathML in HTML "
                      "(untrusted/math_policy.py)", "math"),
    **_rules(CHECKED, "entries are chapters of the book or http(s) links "
                      "(untrusted/content.py)", "toctree"),
    **_rules(CHECKED, "links are http, https or mailto (untrusted/content.py)",
             "button-link", "button-ref", "card", "grid-item-card", "article-info"),
    **_rules(ALLOWED, "sphinx-design layout around escaped text",
             "accordion", "aside", "card-carousel", "card-footer", "card-header", "div",
             "dropdown", "grid", "grid-item", "margin", "step", "steps", "tab-item", "tab-set",
             "tab-set-code"),
    **_rules(ALLOWED, "exercises and solutions (sphinx-exercise)",
             "exercise", "exercise-start", "exercise-end", "solution", "solution-start",
             "solution-end"),
    **_rules(ALLOWED, "folds escaped text behind a button (sphinx-togglebutton)", "toggle"),
    **_rules(CHECKED, "our directive: every field validated, URLs http(s), text escaped",
             "company-panel", "case-study", "teaching-note", "company-directory",
             "case-study-index", "drawdown-solutions-table", "drawdown-chart",
             "picture-credits", "cite-this-book", "answer-key", "part-cards", "case-study-map",
             "multiple-choice"),
    "footbibliography": Rule(CHECKED, "the chapter's own list of the sources it cites "
                                      "(bibliography.py)"),
    "bibliography": Rule(REFUSED, "the PDF would gather its entries at the end of the book; "
                                  "chapters cite with {footcite:p} and list with "
                                  "{footbibliography}"),
    "factor-table": Rule(CHECKED, "our directive: the factors table, every row validated "
                                  "(factors.py)"),
    "raw": Rule(REFUSED, "raw HTML or LaTeX could run scripts or break the PDF"),
    "tabularcolumns": Rule(REFUSED, "its argument is copied into the LaTeX source unescaped"),
    "meta": Rule(REFUSED, "writes HTML `<meta>` tags (a refresh could send readers elsewhere)"),
    "role": Rule(REFUSED, "defines new roles, raw ones among them"),
    "title": Rule(REFUSED, "a chapter's title is its # heading"),
    "header": Rule(REFUSED, _NOT_NEEDED),
    "footer": Rule(REFUSED, _NOT_NEEDED),
    "restructuredtext-test-directive": Rule(REFUSED, "a docutils test fixture"),
    "_all-octicon": Rule(REFUSED, "sphinx-design's own demonstration page"),
    **_rules(REFUSED, _CODE_DOCS, "describe", "object", "deprecated", "versionadded",
             "versionchanged", "versionremoved", "version-added", "version-changed",
             "version-deprecated", "version-removed"),
}

# Directives of Sphinx's domains are named "<domain>:<name>"; a "<domain>:*" rule covers
# every directive of that domain that has no rule of its own.
DOMAIN_DIRECTIVES: dict[str, Rule] = {
    "std:glossary": Rule(ALLOWED, "the book's glossary"),
    **_rules(REFUSED, _CODE_DOCS, "std:*", "py:*", "c:*", "cpp:*", "js:*", "rst:*"),
}

ROLES: dict[str, Rule] = {
    **_rules(ALLOWED, "inline text the writers escape",
             "emphasis", "strong", "literal", "code", "subscript", "sub", "superscript", "sup",
             "title-reference", "title", "t", "abbreviation", "ab", "abbr", "acronym", "ac",
             "index", "i", "dfn", "command", "file", "guilabel", "kbd", "menuselection",
             "samp", "mimetype", "regexp", "makevar", "program", "mailheader", "newsgroup"),
    **_rules(ALLOWED, "a link to a fixed, well-known site", "pep", "pep-reference", "rfc",
             "rfc-reference", "cve", "cwe", "manpage"),
    **_rules(CHECKED, "an SVG icon from sphinx-design's files; name, height and classes "
                      "checked (untrusted/checked_icons.py)",
             "octicon", "material-outlined", "material-regular", "material-round",
             "material-sharp", "material-twotone"),
    **_rules(REFUSED, "FontAwesome icons do not print in the PDF edition, and would need "
                      "the icon font from elsewhere",
             "fa", "fab", "fas", "far", "fa-brands", "fa-regular", "fa-solid"),
    **_rules(ALLOWED, "a badge around escaped text",
             *[f"bdg{suffix}" for suffix in (
                 "", *(f"-{colour}{line}" for colour in (
                     "primary", "secondary", "success", "info", "warning", "danger", "light",
                     "muted", "dark", "white", "black") for line in ("", "-line")))]),
    **_rules(CHECKED, "a badge link: http, https or mailto, or a place in the book",
             *[f"bdg-{kind}{suffix}" for kind in ("link", "ref") for suffix in (
                 "", *(f"-{colour}{line}" for colour in (
                     "primary", "secondary", "success", "info", "warning", "danger", "light",
                     "muted", "dark", "white", "black") for line in ("", "-line")))]),
    "math": Rule(CHECKED, "TeX checked against an allow-list (untrusted/math_policy.py)"),
    **_rules(CHECKED, "links are http, https or mailto (untrusted/content.py)",
             "uri-reference", "uri", "url"),
    "download": Rule(CHECKED, "only files inside book/ (untrusted/content.py)"),
    "any": Rule(ALLOWED, "a cross-reference inside the book"),
    "eq": Rule(ALLOWED, "a reference to a numbered equation"),
    "sub-ref": Rule(ALLOWED, "MyST's word count; no expression is evaluated"),
    "company": Rule(CHECKED, "our role: the company must be in a panel of the book"),
    "factor": Rule(CHECKED, "our role: a factor of data/factors.csv, printed with its unit "
                            "(factors.py)"),
    **_rules(REFUSED, "a short alias; write {footcite:p} or {footcite:t}", "cite", "footcite"),
    "data-file": Rule(ALLOWED, "our role: a link to a data file the build publishes"),
    "raw": Rule(REFUSED, "raw HTML or LaTeX could run scripts or break the PDF"),
    **_rules(REFUSED, "not implemented by docutils", "restructuredtext-unimplemented-role",
             "named-reference", "anonymous-reference", "footnote-reference",
             "citation-reference", "substitution-reference", "target"),
}

DOMAIN_ROLES: dict[str, Rule] = {
    **_rules(ALLOWED, "a cross-reference inside the book", "std:doc", "std:ref", "std:numref",
             "std:term", "math:numref"),
    "handbook:company": Rule(CHECKED, "the company must be in a panel of the book"),
    **_rules(CHECKED, "a citation of an entry of book/references.bib; an unknown key is an "
                      "error at its line", "footcite:p", "footcite:t", "footcite:ps",
             "footcite:ts", "footcite:ct", "footcite:cts"),
    "cite:*": Rule(REFUSED, "the PDF would gather these at the end of the book, away from the "
                            "chapter; chapters cite with {footcite:p} or {footcite:t}"),
    **_rules(REFUSED, _CODE_DOCS, "std:*", "py:*", "c:*", "cpp:*", "js:*", "rst:*"),
}

MYST_EXTENSIONS: dict[str, Rule] = {
    **_rules(ALLOWED, "Markdown structure only", "colon_fence", "deflist", "fieldlist",
             "alert", "smartquotes", "replacements"),
    **_rules(CHECKED, "its math goes through the TeX allow-list (untrusted/math_policy.py)",
             "dollarmath", "amsmath"),
    "substitution": Rule(REFUSED, "{{ … }} is a Jinja2 expression evaluated with Python "
                                  "objects in reach: it can run commands; in a chapter it is "
                                  "a located error"),
    **_rules(REFUSED, "reads raw HTML", "html_admonition", "html_image"),
    **_rules(REFUSED, _NOT_NEEDED, "attrs_inline", "attrs_block", "attrs_image", "linkify",
             "gfm_autolink", "section_ref", "strikethrough", "tasklist"),
}

FRONT_MATTER: dict[str, Rule] = {
    "myst": Rule(REFUSED, "would change the parser's settings for the page, re-enabling "
                          "refused syntax"),
    "substitutions": Rule(REFUSED, "values for {{ … }}, which chapters cannot use"),
    "html_meta": Rule(REFUSED, "writes HTML `<meta>` tags"),
}

# MyST's own fence, not a registered directive: the reStructuredText inside it meets the
# same directives and roles, so this table holds there too.
MYST_FENCES: dict[str, Rule] = {
    "eval-rst": Rule(CHECKED, "its reStructuredText is held to this same table"),
}

TABLES = {"Directive": {**DIRECTIVES, **DOMAIN_DIRECTIVES}, "Role": {**ROLES, **DOMAIN_ROLES},
          "MyST syntax": MYST_EXTENSIONS, "MyST fence": MYST_FENCES,
          "Front-matter key": FRONT_MATTER}


def rule_for(name: str, table: dict[str, Rule]) -> Rule | None:
    """The rule for *name*, a "<domain>:*" rule covering it, or None (refused by default)."""
    if name in table:
        return table[name]
    domain, colon, _ = name.partition(":")
    return table.get(f"{domain}:*") if colon else None


def is_refused(name: str, table: dict[str, Rule]) -> bool:
    rule = rule_for(name, table)
    return rule is None or rule.verdict == REFUSED


def _reason(name: str, table: dict[str, Rule]) -> str:
    rule = rule_for(name, table)
    return rule.reason if rule else "it is not in the book's list of allowed markup"


def _subtype(name: str) -> str:
    return "raw-content" if name == "raw" else "refused-markup"


class _AnyOption(dict):
    """Accepts every option, so that a refused directive is reported as refused, not as
    having an unknown option."""

    def __contains__(self, key: object) -> bool:
        return True

    def __missing__(self, key: str):
        return directives.unchanged


def refused_directive(name: str, reason: str) -> type[SphinxDirective]:
    class RefusedDirective(SphinxDirective):
        has_content = True
        optional_arguments = 100
        final_argument_whitespace = True
        option_spec = _AnyOption()

        def run(self) -> list[nodes.Node]:
            warn(f"the {name} directive is not allowed in chapters ({reason})",
                 _subtype(name), self.get_location())
            return []

    RefusedDirective.__name__ = f"Refused_{name}"
    return RefusedDirective


def refused_role(name: str, reason: str):
    def role(typ: str, rawtext: str, text: str, lineno: int, inliner: Any,
             options: dict | None = None, content: list | None = None):
        source, line = inliner.reporter.get_source_and_line(lineno)
        warn(f"the {name} role is not allowed in chapters ({reason}); its text is kept",
             _subtype(name), f"{source}:{line}")
        return [nodes.Text(text)], []

    return role


def registered_directives() -> set[str]:
    """Every directive name docutils would resolve, its English aliases included."""
    return set(directives._directives) | set(directives._directive_registry) | set(
        english.directives)


def registered_roles() -> set[str]:
    return set(roles._roles) | set(roles._role_registry) | set(english.roles)


def domain_elements(app: Sphinx, kind: str) -> set[str]:
    """``<domain>:<name>`` for every directive (kind="directives") or role of every domain."""
    names = set()
    for domain_name, domain_class in app.registry.domains.items():
        names |= {f"{domain_name}:{name}" for name in getattr(domain_class, kind)}
        extra = app.registry.domain_directives if kind == "directives" else app.registry.domain_roles
        names |= {f"{domain_name}:{name}" for name in extra.get(domain_name, {})}
    return names


def refuse_domain_markup(app: Sphinx, config: Config) -> None:
    # Domains are created with the environment, before builder-inited; their directives
    # and roles are replaced here, through the registry, before that happens.
    for full_name in domain_elements(app, "directives"):
        if is_refused(full_name, DOMAIN_DIRECTIVES):
            domain, _, name = full_name.partition(":")
            app.add_directive_to_domain(
                domain, name, refused_directive(full_name, _reason(full_name, DOMAIN_DIRECTIVES)),
                override=True)
    for full_name in domain_elements(app, "roles"):
        if is_refused(full_name, DOMAIN_ROLES):
            domain, _, name = full_name.partition(":")
            app.add_role_to_domain(
                domain, name, refused_role(full_name, _reason(full_name, DOMAIN_ROLES)),
                override=True)


def refuse_markup(app: Sphinx) -> None:
    # At builder-inited, so that directives a theme registers (the book theme's margin)
    # are covered too.
    for name in sorted(registered_directives()):
        if is_refused(name, DIRECTIVES):
            app.add_directive(name, refused_directive(name, _reason(name, DIRECTIVES)),
                              override=True)
    for name in sorted(registered_roles()):
        if is_refused(name, ROLES):
            app.add_role(name, refused_role(name, _reason(name, ROLES)), override=True)


def policy_table_markdown() -> str:
    """The threat-model table as the README shows it: one row per kind, verdict and reason."""
    rows: dict[tuple[str, str, str], list[str]] = {}
    for kind, table in TABLES.items():
        for name, rule in table.items():
            rows.setdefault((kind, rule.verdict, rule.reason), []).append(name)
    order = {ALLOWED: 0, CHECKED: 1, REFUSED: 2}
    lines = ["| kind | names | verdict | why |", "| --- | --- | --- | --- |"]
    for (kind, verdict, reason), names in sorted(
            rows.items(), key=lambda row: (list(TABLES).index(row[0][0]), order[row[0][1]])):
        shown = ", ".join(f"`{name}`" for name in sorted(names))
        lines.append(f"| {kind} | {shown} | {verdict} | {reason} |")
    return "\n".join(lines)


def setup_markup_policy(app: Sphinx) -> None:
    app.connect("config-inited", refuse_domain_markup, priority=900)
    app.connect("builder-inited", refuse_markup, priority=900)


README_START, README_END = "<!-- MARKUP-POLICY:START -->", "<!-- MARKUP-POLICY:END -->"


def update_readme(path) -> None:
    """Write the table between the README's markers (``make policy-table``)."""
    from pathlib import Path

    readme = Path(path)
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    readme.write_text(f"{head}{README_START}\n{policy_table_markdown()}\n{README_END}{tail}",
                      encoding="utf-8")
