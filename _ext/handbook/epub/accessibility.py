"""EPUB Accessibility 1.1 metadata (schema.org's accessibility properties in the OPF).

What the book offers, stated as the book is built: text with alt text for every figure
(checked by ``tests/test_epub.py``), a navigable table of contents, tables with header
cells, and no flashing, sound or motion.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

ACCESS_MODES = ("textual", "visual")
# Every picture has a text alternative, so text alone carries the book.
ACCESS_MODES_SUFFICIENT = ("textual", "textual,visual")
FEATURES = (
    "alternativeText",   # alt text on every figure, the chart and the map
    "tableOfContents",   # the EPUB's navigation document lists parts, chapters, sections
    "readingOrder",      # one reading order: the spine follows the book's contents
    "structuralNavigation",  # headings nest by level
    "displayTransformability",  # text reflows; no text in pictures that the text lacks
    "MathML",            # formulas are MathML where a chapter has math
)
HAZARDS = ("none",)
SUMMARY = (
    "The text carries the whole book: every figure, the chart and the world map have a "
    "text alternative, and the figures and the map repeat what the text and tables say. "
    "Tables have header cells. Headings nest by level, and the table of contents lists "
    "parts, chapters and sections. The book has no sound, video or flashing content."
)


def accessibility_metadata() -> str:
    """The <meta> lines to put in the OPF's <metadata>."""
    lines = [f'<meta property="schema:accessMode">{mode}</meta>' for mode in ACCESS_MODES]
    lines += [f'<meta property="schema:accessModeSufficient">{mode}</meta>'
              for mode in ACCESS_MODES_SUFFICIENT]
    lines += [f'<meta property="schema:accessibilityFeature">{feature}</meta>'
              for feature in FEATURES]
    lines += [f'<meta property="schema:accessibilityHazard">{hazard}</meta>' for hazard in HAZARDS]
    lines.append(f'<meta property="schema:accessibilitySummary">{escape(SUMMARY)}</meta>')
    return "\n    ".join(lines)
