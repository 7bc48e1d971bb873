"""The threat model (markup_policy.py) against the registries, the README and the build.

Every directive, role, MyST syntax extension and front-matter key that the book's
libraries register must have a verdict; a library upgrade that adds one fails here until
someone decides. Refused markup is a located error; substitutions never run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from handbook.untrusted import markup_policy
from handbook.untrusted.markup_policy import (
    DIRECTIVES,
    DOMAIN_DIRECTIVES,
    DOMAIN_ROLES,
    MYST_EXTENSIONS,
    REFUSED,
    ROLES,
    rule_for,
)
from myst_parser.config.main import check_extensions
from sphinx.application import Sphinx

REPO = Path(__file__).resolve().parents[1]


def real_book_app(tmp_path: Path, builder: str) -> Sphinx:
    """The book's own configuration (conf.py) with every extension, initialised for *builder*."""
    srcdir = tmp_path / f"src-{builder}"
    srcdir.mkdir()
    (srcdir / "index.md").write_text("# T\n")
    return Sphinx(srcdir, REPO, tmp_path / f"out-{builder}", tmp_path / f"doctrees-{builder}",
                  builder, status=None, warning=None, freshenv=True)


@pytest.fixture(scope="module")
def registered(tmp_path_factory):
    """Every name registered by the book's libraries in the HTML and the LaTeX build."""
    names = {"directives": set(), "roles": set(), "domain directives": set(),
             "domain roles": set()}
    for builder in ("html", "latex"):
        app = real_book_app(tmp_path_factory.mktemp(builder), builder)
        names["directives"] |= markup_policy.registered_directives()
        names["roles"] |= markup_policy.registered_roles()
        names["domain directives"] |= markup_policy.domain_elements(app, "directives")
        names["domain roles"] |= markup_policy.domain_elements(app, "roles")
    return names


@pytest.mark.parametrize("kind, table", [
    ("directives", DIRECTIVES), ("roles", ROLES),
    ("domain directives", DOMAIN_DIRECTIVES), ("domain roles", DOMAIN_ROLES),
])
def test_every_registered_name_has_a_verdict_and_every_verdict_a_name(registered, kind, table):
    unlisted = sorted(name for name in registered[kind] if rule_for(name, table) is None)
    assert unlisted == [], f"decide on these {kind} in markup_policy.py"
    stale = sorted(name for name in table if not name.endswith(":*")
                   and name not in registered[kind])
    assert stale == [], f"these {kind} are no longer registered; remove them"


def test_every_myst_syntax_extension_has_a_verdict():
    # MyST lists its extensions only inside its validator.
    known = {const for consts in check_extensions.__code__.co_consts
             if isinstance(consts, tuple) for const in consts if isinstance(const, str)}
    assert "colon_fence" in known and "substitution" in known
    assert set(MYST_EXTENSIONS) == known


def test_readme_shows_the_policy_table_as_it_is():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert markup_policy.policy_table_markdown() in readme, (
        "regenerate the README's table: make policy-table")


def test_the_real_book_enables_only_allowed_syntax():
    conf = (REPO / "conf.py").read_text(encoding="utf-8")
    enabled = re.search(r"myst_enable_extensions = \[(.*?)\]", conf).group(1)
    for name in re.findall(r'"([a-z_]+)"', enabled):
        assert MYST_EXTENSIONS[name].verdict != REFUSED, name


# sphinxcontrib-bibtex is not loaded by the minimal test root: its refused directive is
# checked with the real configuration in test_bibliography.py.
REFUSED_DIRECTIVES = sorted(name for name, rule in DIRECTIVES.items()
                            if rule.verdict == REFUSED and name != "bibliography")


@pytest.mark.parametrize("name", REFUSED_DIRECTIVES)
def test_refused_directive_is_a_located_error_and_outputs_nothing(build_page, name):
    page = f"# T\n\nBefore.\n\n```{{{name}}} ARGUMENT-{name}\n:class: x\n\nCONTENT-{name}\n```\n"
    app, warnings = build_page(page)
    assert re.search(rf"index.md:5: WARNING: the {re.escape(name)} directive is not allowed in "
                     r"chapters \(.+\) \[handbook\.(refused-markup|raw-content)\]", warnings), warnings
    html = (app.outdir / "index.html").read_text()
    assert f"CONTENT-{name}" not in html and f"ARGUMENT-{name}" not in html
    assert "Before." in html


@pytest.mark.parametrize("markup, name", [
    ("```{py:function} f(x)\n```", "py:function"),
    ("```{function} f(x)\n```", "py:function"),  # the default domain
    ("```{cpp:class} Thing\n```", "cpp:class"),
    ("```{js:module} m\n```", "js:module"),
    ("```{rst:directive} d\n```", "rst:directive"),
    ("```{envvar} HOME\n```", "std:envvar"),
    ("```{eval-rst}\n.. program:: rm\n```", "std:program"),
])
def test_domain_directives_for_code_are_refused(build_page, markup, name):
    _, warnings = build_page(f"# T\n\n{markup}\n")
    assert f"index.md:3: WARNING: the {name} directive is not allowed in chapters" in warnings \
        or f"index.md:4: WARNING: the {name} directive is not allowed in chapters" in warnings, \
        warnings


@pytest.mark.parametrize("markup, name", [
    ("{raw}`<b>bold</b>`", "raw"),
    ("{py:func}`print`", "py:func"),
    ("{func}`print`", "py:func"),
    ("{envvar}`HOME`", "std:envvar"),
    ("{target}`x`", "target"),
])
def test_refused_roles_are_located_errors_and_keep_their_text(build_page, markup, name):
    app, warnings = build_page(f"# T\n\nSome text.\n\nSee {markup} here.\n")
    assert re.search(rf"index.md:5: WARNING: the {re.escape(name)} role is not allowed in "
                     r"chapters", warnings), warnings
    body = (app.outdir / "index.html").read_text()
    assert "<b>bold</b>" not in body


def test_allowed_markup_builds_without_warnings(build_page):
    page = """\
# T

:::{note}
A note with {sub}`2` and {abbr}`CO2 (carbon dioxide)`.
:::

```{list-table}
* - a
  - b
```

```{code-block} python
print("{{ 7 * 7 }}")
```

{octicon}`zap` {bdg-primary}`badge` `{{ literal }}`
"""
    app, warnings = build_page(page)
    assert warnings == ""
    assert "{{ 7 * 7 }}" in (app.outdir / "index.html").read_text().replace("&quot;", '"')


# Expression payloads of several shapes: each would create MARKER if it ran.
SUBSTITUTION_PAYLOADS = [
    "{{ env.app.builder.__class__.__init__.__globals__['os'].system('touch MARKER') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() | map(attribute='__name__') | list }}",
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "{{ lipsum.__globals__['os'].system('touch MARKER') }}",
    "{{env.config.__class__.__init__.__globals__['__builtins__']['open']('MARKER','w')}}",
    "{{ 7*7 }}",
    "{{ 123457 * 7 }}",  # 864199: a result no temporary path contains by chance
]


@pytest.mark.parametrize("payload", SUBSTITUTION_PAYLOADS)
@pytest.mark.parametrize("place, line", [
    ("Text {payload} inline.", 5),
    ("{payload}", 5),
    ("## Heading {payload}", 5),
    ("- an item {payload}", 5),
    (":::{{note}}\nIn a note {payload}.\n:::", 6),
])
def test_substitutions_never_run_and_fail_with_their_line(build_page, tmp_path, monkeypatch,
                                                          payload, place, line):
    marker = tmp_path / "MARKER"
    monkeypatch.chdir(tmp_path)
    payload = payload.replace("MARKER", str(marker))
    text = "# T\n\nFirst paragraph.\n\n" + place.format(payload=payload) + "\n"
    app, warnings = build_page(text)
    assert not marker.exists()
    assert re.search(rf"index.md:{line}: WARNING: .*substitutions are not evaluated in chapters"
                     r".*\[handbook.substitution\]", warnings), warnings
    body = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser").select_one(
        "div.body").get_text(" ")
    # Shown as written, never evaluated (the body also shows the payload's temporary path,
    # which may hold any number: only the distinctive product is looked for).
    assert "{{" in body and "864199" not in body


@pytest.mark.parametrize("front_matter, key", [
    ("myst:\n  enable_extensions: [substitution]\n  substitutions:\n    x: \"{{ 7*7 }}\"\n",
     "myst"),
    ("substitutions:\n  x: \"{{ 7*7 }}\"\n", "substitutions"),
    ("html_meta:\n  \"http-equiv=refresh\": \"0;url=https://example.org\"\n", "html_meta"),
])
def test_front_matter_cannot_change_the_parser(build_page, front_matter, key):
    app, warnings = build_page(f"---\n{front_matter}---\n# T\n\nText {{{{ x }}}}.\n")
    assert f"index.md:2: WARNING: front matter '{key}' is not allowed in chapters" in warnings
    html = (app.outdir / "index.html").read_text()
    assert "refresh" not in html and ">49<" not in html and "Text 49" not in html


def test_include_cannot_pick_another_parser(build_book):
    _, warnings = build_book({
        "index.md": "# T\n\n```{include} part.md\n:parser: myst_parser.docutils_\n```\n",
        "part.md": "---\nmyst:\n  enable_extensions: [substitution]\n---\n{{ 7*7 }}\n"},
        exclude_patterns=["part.md"])
    assert "index.md:4: WARNING: 'include': Unknown option key: 'parser'" in warnings
    assert "substitutions are not evaluated in chapters" in warnings


def test_conf_that_enables_a_refused_syntax_gets_it_switched_off(build_page):
    app, warnings = build_page("# T\n\nText {{ 7*7 }}.\n",
                               myst_enable_extensions=["colon_fence", "substitution",
                                                       "html_image"])
    assert "myst_enable_extensions: 'substitution' is switched off for chapters" in warnings
    assert "myst_enable_extensions: 'html_image' is switched off for chapters" in warnings
    assert "index.md:3: WARNING: '{{7*7}}': substitutions are not evaluated" in warnings
    assert "Text 49" not in (app.outdir / "index.html").read_text()


def test_toctree_and_download_cannot_reach_outside(build_page, tmp_path):
    page = ("# T\n\nGet [the file](../../../../../../etc/hostname) or "
            "{download}`../../../../../../etc/hostname`.\n\n"
            "```{toctree}\njavascript://%0aalert(1)\n```\n")
    app, warnings = build_page(page)
    assert warnings.count("index.md:3: WARNING: download '../../../../../../etc/hostname' is "
                          "outside the book's source folder") == 2, warnings
    assert "index.md:5: WARNING: toctree entry 'javascript://%0aalert(1)': only http and https " \
           "links are allowed" in warnings
    assert not (app.outdir / "_downloads").exists()
    assert "javascript" not in (app.outdir / "index.html").read_text()


def test_literalinclude_diff_cannot_read_outside(build_book):
    _, warnings = build_book({
        "index.md": "# T\n\n```{literalinclude} part.txt\n:diff: ../../../../../../etc/passwd\n```\n",
        "part.txt": "text\n"})
    assert "index.md:3: WARNING: literalinclude: '../../../../../../etc/passwd' is outside the " \
           "book's source folder" in warnings


def test_make_policy_table_rewrites_the_readme_block(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"Intro\n{markup_policy.README_START}\nold\n{markup_policy.README_END}\nEnd\n")
    markup_policy.update_readme(readme)
    assert readme.read_text() == (f"Intro\n{markup_policy.README_START}\n"
                                  f"{markup_policy.policy_table_markdown()}\n"
                                  f"{markup_policy.README_END}\nEnd\n")


@pytest.mark.parametrize("role", ["octicon", "material-regular"])
@pytest.mark.parametrize("text", ['zap;1em;x" onload="alert(1)', "zap;1em\" onclick='x'",
                                  "zap;<script>"])
def test_svg_icons_cannot_carry_attributes(build_page, role, text):
    app, warnings = build_page(f"# T\n\nAn icon {{{role}}}`{text}` here.\n")
    assert f"index.md:3: WARNING: {role}: " in warnings and "is not an icon name" in warnings
    body = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser").select_one(
        "div.body")
    handlers = [attr for tag in body.find_all(True) for attr in tag.attrs if attr.startswith("on")]
    assert handlers == [] and body.find("script") is None and body.find("svg") is None


def test_svg_icons_still_work(build_page):
    app, warnings = build_page("# T\n\nAn icon {octicon}`zap;1.5em;sd-text-info` here.\n")
    assert warnings == ""
    assert 'class="sd-octicon sd-octicon-zap sd-text-info"' in (app.outdir / "index.html").read_text()


def test_a_picture_inside_a_card_is_reported_at_the_card(build_page):
    _, warnings = build_page("# T\n\nText.\n\n:::{card} Title\n:img-top: ../../../secret.png\n\n"
                             "Body\n:::\n")
    assert "index.md:5: WARNING: picture '../../../secret.png' is outside the book's source " \
           "folder" in warnings, warnings


@pytest.mark.parametrize("markup, message", [
    ("See {nodomain:ref}`x`.", "role 'nodomain:ref': there is no domain 'nodomain'"),
    ("See {prf:ref}`x`.", "role 'prf:ref': there is no domain 'prf'"),
    ("```{nodomain:note}\nHi\n```", "directive 'nodomain:note': there is no domain 'nodomain'"),
])
def test_an_unknown_domain_is_a_located_error(build_page, markup, message):
    _, warnings = build_page(f"# T\n\n{markup}\n")
    assert f"index.md:3: WARNING: {message}" in warnings, warnings
    assert warnings.count("WARNING") == 1


@pytest.mark.parametrize("front_matter, line, message", [
    ("a: 1\nb: 2\na: 3\n", 4, "the key 'a' is given twice"),
    ("a: &x [*x]\n", 2, "YAML aliases (*name) are not allowed"),
    ("x: !!python/name:os.system\n", 2, "could not determine a constructor"),
    ("drawdown_solution: {{ x }}\n", 2, "unhashable key"),
])
def test_front_matter_our_yaml_rules_refuse_is_one_located_error(build_page, front_matter,
                                                                 line, message):
    _, warnings = build_page(f"---\n{front_matter}---\n# T\n\nText.\n")
    assert f"index.md:{line}: WARNING: front matter: " in warnings and message in warnings, \
        warnings
    assert warnings.count("WARNING") == 1, warnings


def test_a_link_reference_definition_to_a_refused_scheme_is_an_error(build_page):
    _, warnings = build_page("# T\n\nSee [ref].\n\n[ref]: javascript:alert(1)\n")
    assert "index.md:5: WARNING: link to 'javascript:alert(1)': only http, https and mailto " \
           "links are allowed" in warnings, warnings
