"""Names noted per document in the build environment, kept right across builds.

Several checks note names per chapter (the bibliography keys it cites, the factors it
uses) and judge them once every chapter is read. The notes live in the environment,
so they must be dropped when a chapter is read again and merged back from parallel
readers; this does both for one attribute.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


class PerDocumentNames:
    def __init__(self, attribute: str):
        self.attribute = attribute

    def of(self, env: BuildEnvironment) -> dict[str, set[str]]:
        if not hasattr(env, self.attribute):
            setattr(env, self.attribute, {})
        return getattr(env, self.attribute)

    def note(self, env: BuildEnvironment, names: set[str]) -> None:
        self.of(env).setdefault(env.docname, set()).update(names)

    def all(self, env: BuildEnvironment) -> set[str]:
        return set().union(*self.of(env).values())

    def purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.of(env).pop(docname, None)

    def merge(self, app: Sphinx, env: BuildEnvironment, docnames, other: BuildEnvironment) -> None:
        self.of(env).update({name: names for name, names in self.of(other).items()
                             if name in docnames})

    def connect(self, app: Sphinx) -> None:
        app.connect("env-purge-doc", self.purge)
        app.connect("env-merge-info", self.merge)
