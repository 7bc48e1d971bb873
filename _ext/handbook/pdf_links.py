"""Web addresses in the PDF are ASCII: a PDF link action holds bytes, and a character
such as "£" in an address (``…/government-rejects-£13bn-…``, a source's URL) went in as
raw UTF-8, which viewers decode in different ways. For the LaTeX builder every link's
target is written as a browser would send it: the host name in its IDNA form, every other
non-ASCII character percent-encoded (RFC 3986). The text the reader sees stays as written.
(MyST already encodes Markdown links; sources, company panels and case studies it does not.)
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

# Everything that is already legal in a URI stays as it is; only other characters change.
URI_CHARACTERS = ":/?#[]@!$&'()*+,;=-._~%"


def ascii_uri(uri: str) -> str:
    """*uri* in ASCII: a host name in its IDNA form (``xn--…``), the rest percent-encoded."""
    if uri.isascii():
        return uri
    parts = urlsplit(uri)
    netloc = parts.netloc
    if not netloc.isascii() and parts.hostname:
        try:
            host = parts.hostname.encode("idna").decode("ascii")
        except UnicodeError:
            host = quote(parts.hostname, safe="")
        netloc = netloc.replace(parts.hostname, host, 1) if parts.hostname in netloc else host
    return quote(urlunsplit(parts._replace(netloc=netloc)), safe=URI_CHARACTERS)


class AsciiLinksInPrint(SphinxPostTransform):
    default_priority = 900
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        for reference in self.document.findall(nodes.reference):
            if reference.get("refuri"):
                reference["refuri"] = ascii_uri(reference["refuri"])


def setup_pdf_links(app: Sphinx) -> None:
    app.add_post_transform(AsciiLinksInPrint)
