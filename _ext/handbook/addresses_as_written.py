"""A web address printed as text stays as written: docutils' smart quotes turned the "---"
of ``…statements---solid-operations…`` into an em dash in a source's printed URL (in both
editions), so a reader copying the address got one that does not exist. Every link whose
text is an address is marked as not for smart quotes, before that transform runs."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

ADDRESS = re.compile(r"(?:https?://|www\.|doi:|mailto:)\S+$")


class AddressesAsWritten(SphinxTransform):
    default_priority = 745  # Sphinx's SmartQuotes runs at 750

    def apply(self, **kwargs) -> None:
        for reference in self.document.findall(nodes.reference):
            text = reference.astext()
            if text == reference.get("refuri") or ADDRESS.match(text):
                reference["support_smartquotes"] = False


def setup_addresses_as_written(app: Sphinx) -> None:
    app.add_transform(AddressesAsWritten)
