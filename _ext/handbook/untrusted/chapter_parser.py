"""MyST as chapters may use it: no expression evaluated, no settings changed per page.

MyST's ``substitution`` syntax renders ``{{ … }}`` with Jinja2, and the Sphinx
environment in reach of the expression is enough to run shell commands on the build
machine. Chapters get a parser whose substitutions are never evaluated: the syntax
stays recognised, so that ``{{ … }}`` is a located error (``handbook.substitution``)
rather than silently shown, and its text is kept as written.

A page's front matter can also carry a ``myst:`` key (and the older top-level
``substitutions`` and ``html_meta``) that MyST merges into the parser's settings for
that page, which would re-enable refused syntax; those keys are refused at their line.
The syntax extensions switched on in ``conf.py`` are checked against the policy in
``markup_policy.py`` too.
"""

from __future__ import annotations

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.config.main import MdParserConfig, TopmatterReadError, read_topmatter
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.application import Sphinx
from sphinx.config import Config

from handbook.front_matter import front_matter_of, front_matter_problem
from handbook.untrusted.markup_policy import (
    FRONT_MATTER,
    MYST_EXTENSIONS,
    is_refused,
    rule_for,
)
from handbook.validation import warn


class ChapterRenderer(SphinxRenderer):
    def unknown_domain(self, name: str) -> str | None:
        """The prefix of ``prefix:name`` when no domain has it. Sphinx would warn with no
        location and then quietly use the standard domain's element of that name."""
        domain, colon, _ = name.lower().partition(":")
        if not colon or self.sphinx_env is None:
            return None
        try:
            self.sphinx_env.domains[domain]
        except KeyError:
            return domain
        return None

    def refuse_unknown_domain(self, kind: str, name: str, line: int) -> None:
        kept = "its text is kept" if kind == "role" else "nothing is output"
        self.create_warning(f"{kind} {name!r}: there is no domain {self.unknown_domain(name)!r}; "
                            f"{kept}", "refused-markup", wtype="handbook", line=line)

    def render_myst_role(self, token: SyntaxTreeNode) -> None:
        if self.unknown_domain(token.meta["name"]):
            self.refuse_unknown_domain("role", token.meta["name"], token_line(token, default=0))
            self.current_node.append(nodes.Text(token.content))
            return
        super().render_myst_role(token)

    def run_directive(self, name: str, first_line: str, content: str, position: int,
                      *args, **kwargs) -> list[nodes.Element]:
        if self.unknown_domain(name):
            self.refuse_unknown_domain("directive", name, position)
            return []
        return super().run_directive(name, first_line, content, position, *args, **kwargs)

    def render_substitution(self, token: SyntaxTreeNode, inline: bool) -> None:
        text = "{{" + token.content + "}}"
        self.create_warning(
            f"{text[:60]!r}: substitutions are not evaluated in chapters (a {{{{ … }}}} "
            "expression could run code on the build machine); write the text itself",
            "substitution", wtype="handbook", line=token_line(token, default=0) or None)
        self.current_node.append(nodes.Text(text) if inline else nodes.paragraph(text, text))


class ChapterParser(MystParser):
    """MyST's Sphinx parser, with the chapter rules above."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        config: MdParserConfig = document.settings.env.myst_config
        if self.refuse_settings_in_front_matter(inputstring, document):
            # Reported with its line; MyST would report it again without one.
            inputstring = without_front_matter(inputstring)
        config = config.copy()
        # Recognised, so that our renderer can refuse it with its line.
        config.enable_extensions = set(config.enable_extensions) | {"substitution"}
        parser = create_md_parser(config, ChapterRenderer)
        parser.options["document"] = document
        parser.render(inputstring)

    @staticmethod
    def refuse_settings_in_front_matter(text: str, document: nodes.document) -> bool:
        """Report refused keys and YAML our rules refuse; True if the front matter must
        not be read at all."""
        source, lines = document["source"], text.splitlines()
        problem = front_matter_problem(text)
        if problem is not None:  # MyST reports plain YAML errors itself, at line 1
            warn(f"front matter: {problem}", "front-matter", f"{source}:{problem.line}")
        try:
            if not read_topmatter(text):
                return False
        except TopmatterReadError:
            return problem is not None
        for key, located in front_matter_of(text).items():
            if key in FRONT_MATTER and is_refused(key, FRONT_MATTER):
                # The key's own line (the value of "myst:" starts on the next one).
                line = next((number for number, content in enumerate(lines[:located.line], 1)
                             if content.startswith(f"{key}:")), located.line)
                warn(f"front matter {key!r} is not allowed in chapters "
                     f"({FRONT_MATTER[key].reason}); it is ignored",
                     "front-matter", f"{source}:{line}")
        return problem is not None


def without_front_matter(text: str) -> str:
    """*text* with its front matter blanked, every line kept so that lines still match."""
    lines = text.split("\n")
    end = next(number for number, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "..."))
    return "\n".join(["---", "{}", *[""] * (end - 2), "---", *lines[end + 1:]])


def check_myst_extensions(app: Sphinx, config: Config) -> None:
    enabled = list(config.myst_enable_extensions)
    refused = [name for name in enabled if is_refused(name, MYST_EXTENSIONS)]
    for name in refused:
        rule = rule_for(name, MYST_EXTENSIONS)
        why = rule.reason if rule else "it is not in the book's list of allowed syntax"
        warn(f"myst_enable_extensions: {name!r} is switched off for chapters ({why})",
             "refused-markup", f"{app.confdir / 'conf.py'}:1")
    config.myst_enable_extensions = [name for name in enabled if name not in refused]


def setup_chapter_parser(app: Sphinx) -> None:
    app.add_source_parser(ChapterParser, override=True)
    # Before MyST reads its settings (builder-inited).
    app.connect("config-inited", check_myst_extensions)
