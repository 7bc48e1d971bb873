"""sphinx-design's SVG icons, with their text checked first.

``{octicon}`name;height;classes``` and the ``material-*`` roles paste their classes
into an SVG tag unescaped, so ``x" onload="…`` would put a script on the page. The
text must be an icon name, an optional height and optional class names made of
letters, digits, hyphens and underscores; anything else is a located error
(``handbook.refused-markup``). FontAwesome roles are refused in markup_policy.py: the
PDF edition cannot print them.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import roles
from sphinx.application import Sphinx

from handbook.validation import warn

ICON_TEXT = re.compile(r"[a-z0-9_-]+(;\s*\d+(\.\d+)?(px|em|rem)?(;[A-Za-z0-9_ -]*)?)?")
SVG_ICON_ROLES = ("octicon", "material-outlined", "material-regular", "material-round",
                  "material-sharp", "material-twotone")


def checked(name: str, role):
    def check_then_run(typ, rawtext, text, lineno, inliner, options=None, content=()):
        if ICON_TEXT.fullmatch(text.strip()):
            return role(typ, rawtext, text, lineno, inliner, options or {}, content)
        source, line = inliner.reporter.get_source_and_line(lineno)
        warn(f"{name}: {text[:60]!r} is not an icon name, an optional height and optional "
             "class names (letters, digits, '-' and '_')", "refused-markup",
             f"{source}:{line}")
        return [nodes.Text(text)], []

    return check_then_run


def check_icon_roles(app: Sphinx) -> None:
    for name in SVG_ICON_ROLES:
        role = roles._roles.get(name)
        if role is not None and not getattr(role, "handbook_checked", False):
            wrapper = checked(name, role)
            wrapper.handbook_checked = True
            app.add_role(name, wrapper, override=True)


def setup_checked_icons(app: Sphinx) -> None:
    app.connect("builder-inited", check_icon_roles)
