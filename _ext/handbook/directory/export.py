"""``companies.json`` and ``case-studies.json``: the directory and the index as data.

Written beside the HTML edition, so a jobs board or a teacher's spreadsheet can reuse
them. Fields (URLs of chapters are relative to the HTML edition's root):

companies.json: ``[{"name", "url", "description", "chapters": [{"title", "url"}]}]``,
alphabetical.

case-studies.json: ``[{"title", "region", "countries": [{"name", "iso"}], "world_regions",
"sector", "company", "url",
"chapter": {"title", "url"}}]``, in book order; ``url`` is the case study's own link,
``chapter.url`` points at the case study in its chapter.
"""

from __future__ import annotations

import json

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from handbook.builders import is_web_edition
from handbook.directory.data import HandbookDomain

EXPORTED_FILES = ("companies.json", "case-studies.json")


def _write(path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def export_json(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not is_web_edition(app.builder):
        return
    env, builder = app.env, app.builder
    domain: HandbookDomain = env.get_domain("handbook")

    def chapter(docname: str, anchor: str | None = None) -> dict:
        url = builder.get_target_uri(docname) + (f"#{anchor}" if anchor else "")
        return {"title": env.titles[docname].astext(), "url": url}

    companies = [{"name": entry.name, "url": entry.url, "description": entry.description,
                  "chapters": [chapter(docname) for docname in entry.docnames]}
                 for entry in domain.companies()]
    studies = [{"title": s["title"], "region": s["region"],
                "countries": [{"name": name, "iso": iso} for name, iso in s["countries"]],
                "world_regions": s["world_regions"], "sector": s["sector"],
                "company": s["company"] or None, "url": s["url"],
                "chapter": chapter(s["docname"], s["anchor"])}
               for s in domain.case_studies()]
    _write(app.outdir / EXPORTED_FILES[0], companies)
    _write(app.outdir / EXPORTED_FILES[1], studies)


class data_file(nodes.Inline, nodes.TextElement):
    """A file published beside the HTML edition: a link there, its name in print."""


def data_file_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{data-file}`companies.json``` links to a data file at the HTML edition's root."""
    filename = text.strip()
    if filename not in EXPORTED_FILES:
        message = inliner.reporter.warning(
            f"{{data-file}} knows {', '.join(EXPORTED_FILES)}, not {filename!r}", line=lineno)
        return [nodes.literal(rawtext, filename)], [message]
    return [data_file(rawtext, filename, filename=filename)], []


def visit_data_file_html(self, node: data_file) -> None:
    base = self.builder.config.html_baseurl
    if is_web_edition(self.builder):
        href = relative_uri(self.builder.get_target_uri(self.builder.current_docname), node["filename"])
    elif base:  # the e-book carries no data files: the published edition's copy
        href = base.rstrip("/") + "/" + node["filename"]
    else:
        return _name_only_html(self, node)
    self.body.append(f'<a class="reference download" href="{self.attval(href)}">'
                     f'<code class="docutils literal">{self.encode(node["filename"])}</code></a>')
    raise nodes.SkipNode


def _name_only_html(self, node: data_file) -> None:
    self.body.append(f'<code class="docutils literal">{self.encode(node["filename"])}</code>')
    raise nodes.SkipNode


def visit_data_file_latex(self, node: data_file) -> None:
    self.body.append(rf"\sphinxcode{{\sphinxupquote{{{self.encode(node['filename'])}}}}}")
    raise nodes.SkipNode


def visit_data_file_text(self, node: data_file) -> None:
    self.add_text(node["filename"])
    raise nodes.SkipNode


def setup_directory_export(app: Sphinx) -> None:
    app.add_role("data-file", data_file_role)
    app.add_node(data_file, html=(visit_data_file_html, None), latex=(visit_data_file_latex, None),
                 text=(visit_data_file_text, None))
    app.connect("build-finished", export_json)
