"""The book's diagrams read on a black-and-white printer, with every label clear of the lines.

Many readers print the PDF in greyscale. Issue 26's review found hot and cold pipes in the
heat pump diagram told apart by colour alone (the same grey on paper) and labels overprinted
by the pipes' arrows. These tests check every SVG figure of the book, and the generated
Drawdown chart, for that class of fault:

- marks that stand for different things differ in grey, not only in hue: any two colours of
  lines a reader follows (pipes, flows, chart series: see ``line_keys``) or of legend keys in
  one figure differ by at least ``MIN_GREY_STEP`` in print lightness, unless their dash
  patterns, fill patterns or line weights differ;
- no line, arrow or shape runs through or touches a label: each label's box, measured with
  the font rsvg-convert uses, must sit on one plain background in a picture drawn without the
  text (this is what a reader sees, however the line was drawn: path, marker or shape);
- no shape drawn after a label covers part of it (a plain box over a letter): the figure
  as drawn must equal, under each label, the figure with its labels drawn last;
- labels are inside the picture, do not overlap each other, and stand out from their
  background (WCAG contrast 4.5:1, 3:1 for large text).

The geometry is read with a real XML parser; the pictures are drawn by rsvg-convert, the
converter that makes the PDF's figures. The Drawdown chart, drawn by matplotlib at build time,
is checked for its two series only (matplotlib lays out its own labels).

What the line rule leaves to the eye: lines it does not treat as routes (see ``line_keys``),
such as two single level lines of a chart in hue-only colours, and labels over a picture
that is meant to carry them (a photograph) - the book has none of either today.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageColor, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FIGURES = sorted((ROOT / "book").glob("*/figures/*.svg"))
XLINK = "{http://www.w3.org/1999/xlink}"

# Two marks differ in print when their greys are this far apart (0-255, Pillow's "L",
# the ITU-R 601 weights a printer driver uses): about a fifth of the range, which a
# reader tells apart on paper even after a cheap printer's dot gain.
MIN_GREY_STEP = 50
# A line pixel is one this far (RGB distance) from the label's background: a pale panel
# edge passes, a pipe, an arrow head or a dark outline does not.
INK_DISTANCE = 60
# Room kept clear around a label's ink, in the figure's units (about a point in print).
CLEARANCE = 1.5
PIXELS_PER_UNIT = 2
# A line that runs this far (a fifth of a figure's width) is followed by its look, not by a
# label beside it.
LONG_LINE = 160

INHERITED = ("fill", "stroke", "stroke-width", "stroke-dasharray", "font-size", "font-weight",
             "font-style", "text-anchor", "fill-opacity", "stroke-opacity", "marker-end")
SKIPPED = {"defs", "marker", "pattern", "title", "desc", "clipPath", "mask", "symbol", "metadata"}


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# -- transforms ----------------------------------------------------------------------
def multiply(a, b):
    """Affine matrices as (a, b, c, d, e, f), SVG's order: a then b applied to a point is a·b."""
    return (a[0] * b[0] + a[2] * b[1], a[1] * b[0] + a[3] * b[1],
            a[0] * b[2] + a[2] * b[3], a[1] * b[2] + a[3] * b[3],
            a[0] * b[4] + a[2] * b[5] + a[4], a[1] * b[4] + a[3] * b[5] + a[5])


IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def parse_transform(text: str | None):
    matrix = IDENTITY
    for name, args in re.findall(r"(\w+)\s*\(([^)]*)\)", text or ""):
        v = [float(n) for n in re.split(r"[\s,]+", args.strip()) if n]
        if name == "translate":
            step = (1, 0, 0, 1, v[0], v[1] if len(v) > 1 else 0)
        elif name == "scale":
            step = (v[0], 0, 0, v[1] if len(v) > 1 else v[0], 0, 0)
        elif name == "rotate":
            a = math.radians(v[0])
            step = (math.cos(a), math.sin(a), -math.sin(a), math.cos(a), 0, 0)
            if len(v) == 3:
                around = (1, 0, 0, 1, v[1], v[2]), (1, 0, 0, 1, -v[1], -v[2])
                step = multiply(multiply(around[0], step), around[1])
        elif name == "matrix":
            step = tuple(v)
        else:
            raise ValueError(f"transform {name}() is not read by this test")
        matrix = multiply(matrix, step)
    return matrix


def apply(m, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


# -- the figure as parsed --------------------------------------------------------------
@dataclass
class Mark:
    tag: str
    style: dict
    element: ET.Element


@dataclass
class Label:
    text: str
    style: dict
    box: tuple[float, float, float, float]  # ink box in the text's own coordinates
    matrix: tuple  # text coordinates -> figure coordinates
    element: ET.Element

    def corners(self):
        x0, y0, x1, y1 = self.box
        return [apply(self.matrix, x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]

    def bounds(self):
        xs, ys = zip(*self.corners())
        return min(xs), min(ys), max(xs), max(ys)

    @property
    def large(self) -> bool:
        size = float(self.style.get("font-size", 16))
        return size >= 24 or (size >= 18.5 and self.style.get("font-weight") == "bold")


@cache
def font(bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    # The file fontconfig picks for the figures' first font, Noto Sans, is the one rsvg-convert
    # draws with. Measured at 100 units and scaled.
    pattern = "Noto Sans" + (":bold" if bold else "") + (":italic" if italic else "")
    file = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True,
                          text=True, check=True).stdout
    return ImageFont.truetype(file, 100)


def text_runs(element: ET.Element, style: dict):
    """(string, style) pieces of a <text>, its <tspan>s only changing the font."""
    yield (element.text or "", style)
    for span in element:
        if local(span.tag) == "tspan":
            span_style = {**style, **{k: span.get(k) for k in INHERITED if span.get(k)}}
            yield from text_runs(span, span_style)
        yield (span.tail or "", style)


def measure(element: ET.Element, style: dict) -> tuple[float, float, float, float]:
    x, y = float(element.get("x", 0)), float(element.get("y", 0))
    width, top, bottom = 0.0, 0.0, 0.0
    for string, run in text_runs(element, style):
        string = " ".join(string.split()) if string.strip() else ""
        if not string:
            continue
        size = float(run.get("font-size", 16)) / 100
        face = font(run.get("font-weight") in ("bold", "700"), run.get("font-style") == "italic")
        _, ink_top, _, ink_bottom = face.getbbox(string, anchor="ls")
        top, bottom = min(top, ink_top * size), max(bottom, ink_bottom * size)
        width += face.getlength(string) * size
    shift = {"middle": width / 2, "end": width}.get(style.get("text-anchor"), 0)
    return x - shift, y + top, x - shift + width, y + bottom


def walk(element, style, matrix, marks, labels, ids):
    tag = local(element.tag)
    if tag in SKIPPED:
        return
    style = {**style, **{k: element.get(k) for k in INHERITED if element.get(k)}}
    matrix = multiply(matrix, parse_transform(element.get("transform")))
    if tag == "text":
        box = measure(element, style)
        if box[2] > box[0]:
            labels.append(Label("".join(s for s, _ in text_runs(element, style)).strip(),
                                style, box, matrix, element))
        return
    if tag == "use":
        target = ids[(element.get("href") or element.get(XLINK + "href")).lstrip("#")]
        shift = (1, 0, 0, 1, float(element.get("x", 0)), float(element.get("y", 0)))
        walk(target, style, multiply(matrix, shift), marks, labels, ids)
        return
    if tag in ("line", "path", "polyline", "polygon", "rect", "circle", "ellipse"):
        marks.append(Mark(tag, style, element))
    for child in element:
        walk(child, style, matrix, marks, labels, ids)


@dataclass
class Figure:
    path: Path
    tree: ET.ElementTree
    view_box: tuple[float, float, float, float]
    marks: list[Mark]
    labels: list[Label]


def read(path: Path) -> Figure:
    tree = ET.parse(path)
    root = tree.getroot()
    ids = {e.get("id"): e for e in root.iter() if e.get("id")}
    marks, labels = [], []
    for child in root:
        walk(child, {"fill": "black", **{k: root.get(k) for k in INHERITED if root.get(k)}},
             IDENTITY, marks, labels, ids)
    view_box = tuple(float(n) for n in re.split(r"[\s,]+", root.get("viewBox").strip()))
    return Figure(path, tree, view_box, marks, labels)


# -- colours ---------------------------------------------------------------------------
def rgb(colour: str | None) -> tuple[int, int, int] | None:
    if not colour or colour in ("none", "transparent") or colour.startswith("url("):
        return None
    return ImageColor.getrgb(colour)[:3]


def grey(colour: tuple[int, int, int]) -> float:
    """Print lightness 0-255, as Pillow's convert("L") and most printer drivers weigh it."""
    r, g, b = colour
    return 0.299 * r + 0.587 * g + 0.114 * b


def luminance(colour) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = colour
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def faint(style: dict) -> bool:
    return any(float(style.get(k, 1)) < 0.5 for k in ("opacity", "stroke-opacity", "fill-opacity"))


def describe(element: ET.Element) -> str:
    shape = element.get("d") or element.get("points") or "{x1},{y1}".format(**element.attrib)
    return f"{local(element.tag)} at {shape[:24]}"


ARGUMENTS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}


def points(element: ET.Element) -> list[tuple[float, float]]:
    """The end points of a line's segments (control points left out: enough to size it)."""
    tag = local(element.tag)
    if tag == "line":
        return [(float(element.get("x1", 0)), float(element.get("y1", 0))),
                (float(element.get("x2", 0)), float(element.get("y2", 0)))]
    numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?",
                                            element.get("points") or "")]
    if tag != "path":
        return list(zip(numbers[::2], numbers[1::2]))
    found, x, y = [], 0.0, 0.0
    for command, args in re.findall(r"([MmLlHhVvCcSsQqTtAaZz])([^MmLlHhVvCcSsQqTtAaZz]*)",
                                    element.get("d", "")):
        values = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?", args)]
        size = ARGUMENTS[command.upper()]
        for i in range(0, len(values), size) if size else ():
            chunk, relative = values[i:i + size], command.islower()
            if command.upper() == "H":
                x = chunk[0] + (x if relative else 0)
            elif command.upper() == "V":
                y = chunk[0] + (y if relative else 0)
            else:
                x, y = chunk[-2] + (x if relative else 0), chunk[-1] + (y if relative else 0)
            found.append((x, y))
    return found


def neutral(colour: tuple[int, int, int]) -> bool:
    """Black, white and greys (and near-greys like #2b3a38): the ink of axes and outlines."""
    return max(colour) - min(colour) < 40


def level(element: ET.Element) -> bool:
    """One straight level or upright segment: a baseline, not a route to follow."""
    ends = points(element)
    return len(ends) == 2 and (ends[0][0] == ends[1][0] or ends[0][1] == ends[1][1])


def reach(element: ET.Element) -> float:
    """How far a line runs across the figure: the larger side of its bounding box."""
    xs, ys = zip(*points(element)) if points(element) else ((0,), (0,))
    return max(max(xs) - min(xs), max(ys) - min(ys))


def line_keys(figure: Figure) -> dict[tuple, str]:
    """The look of each kind of line: (colour, dash pattern, width) -> an example.

    Lines are open strokes (no fill) in a colour, at least 2 units wide, that run a long way
    (LONG_LINE) and turn or slope: pipes, flows, series in a chart, which a reader follows by
    their look. Hairlines (grid, leader lines), short arrows (read by the label at their head),
    black or grey lines, single level lines (axes, the ground, a water surface) and outlines
    of filled shapes are read by their place."""
    keys = {}
    for mark in figure.marks:
        style = mark.style
        colour = rgb(style.get("stroke"))
        # A <line> has no inside; an open path's fill (black by default) shows only if it bends.
        closed = mark.tag in ("rect", "circle", "ellipse", "polygon") or (
            mark.tag != "line" and "z" in mark.element.get("d", "").lower())
        bends = len(points(mark.element)) > 2
        filled = closed or (mark.tag != "line" and rgb(style.get("fill")) and bends)
        width = float(style.get("stroke-width", 1))
        if colour is None or filled or faint(style) or width < 2 or reach(mark.element) < LONG_LINE:
            continue
        if neutral(colour) or level(mark.element):
            continue  # axes, outlines, the ground, a water surface: read by their place
        dash = style.get("stroke-dasharray", "none")
        keys.setdefault((colour, dash, width), describe(mark.element))
    return keys


def legend_keys(figure: Figure) -> dict[tuple, str]:
    """The legend's keys, small squares or short lines (at most 50 units) with a label beginning
    just right of them on the same line: (colour or pattern, dash pattern, size) -> the label."""
    keys = {}
    for mark in figure.marks:
        e = mark.element
        if mark.tag == "rect":
            x, y = float(e.get("x", 0)), float(e.get("y", 0))
            w, h = float(e.get("width", 0)), float(e.get("height", 0))
            paint, size = mark.style.get("fill"), w
        elif mark.tag == "line" and e.get("y1") == e.get("y2") and "marker-end" not in mark.style:
            # (an arrow into a labelled box is a flow, not a key)
            x, y = sorted((float(e.get("x1", 0)), float(e.get("x2", 0))))[0], float(e.get("y1", 0))
            w, h = abs(float(e.get("x2", 0)) - float(e.get("x1", 0))), 0.0
            paint, size = mark.style.get("stroke"), float(mark.style.get("stroke-width", 1))
        else:
            continue
        if not (4 <= w <= 50 and h <= 30) or faint(mark.style):
            continue
        beside = [label for label in figure.labels
                  if 0 <= label.box[0] - (x + w) <= 14 and abs((label.box[1] + label.box[3]) / 2
                                                             - (y + h / 2)) <= max(h, 10)]
        if beside:
            keys.setdefault((rgb(paint) or paint, mark.style.get("stroke-dasharray", "none"), size),
                            beside[0].text)
    return keys


def too_close(keys: dict) -> list[str]:
    """Pairs of keys whose only difference a greyscale print loses: hue."""
    faults = []
    items = list(keys.items())
    for i, ((colour_a, dash_a, width_a), what_a) in enumerate(items):
        for (colour_b, dash_b, width_b), what_b in items[i + 1:]:
            if what_a == what_b:
                continue  # one legend entry drawn in two colours (steam and water of one loop)
            if dash_a != dash_b or not (isinstance(colour_a, tuple) and isinstance(colour_b, tuple)):
                continue  # a dash or a pattern tells them apart
            if max(width_a, width_b) > 1.5 * min(width_a, width_b):
                continue  # so does a line's weight: a thin flow arrow is not a thick pipe
            if colour_a != colour_b and abs(grey(colour_a) - grey(colour_b)) < MIN_GREY_STEP:
                faults.append(f"{what_a!r} and {what_b!r}: greys {grey(colour_a):.0f} and "
                              f"{grey(colour_b):.0f}")
    return faults


# -- the figure as drawn -----------------------------------------------------------------
def draw(figure: Figure, root: ET.Element) -> np.ndarray:
    """*root* (the figure, changed) drawn by rsvg-convert on white, as RGB."""
    width = int(figure.view_box[2] * PIXELS_PER_UNIT)
    picture = subprocess.run(["rsvg-convert", "-w", str(width)], input=ET.tostring(root),
                             capture_output=True, check=True).stdout
    image = Image.open(BytesIO(picture)).convert("RGBA")
    page = Image.new("RGBA", image.size, "white")
    page.alpha_composite(image)
    return np.asarray(page.convert("RGB")).astype(int)


def without_text(figure: Figure) -> ET.Element:
    root = ET.fromstring(ET.tostring(figure.tree.getroot()))
    for parent in root.iter():
        for child in [c for c in parent if local(c.tag) == "text"]:
            parent.remove(child)
    return root


def draw_without_text(figure: Figure) -> np.ndarray:
    """The figure with its labels taken out."""
    return draw(figure, without_text(figure))


def draw_with_labels_on_top(figure: Figure) -> np.ndarray:
    """The figure with every label drawn last, where it was, over every shape."""
    root = without_text(figure)
    for label in figure.labels:
        group = ET.SubElement(root, "{http://www.w3.org/2000/svg}g",
                              {"transform": "matrix({})".format(" ".join(map(str, label.matrix))),
                               **{k: v for k, v in label.style.items() if v}})
        text = ET.fromstring(ET.tostring(label.element))
        text.attrib.pop("transform", None)  # already in the label's matrix
        group.append(text)
    return draw(figure, root)


def hidden_labels(figure: Figure) -> list[str]:
    """Labels a shape drawn after them covers (a box over a letter): the figure as drawn
    differs, under the label, from the figure with the labels drawn last."""
    as_drawn = draw(figure, ET.fromstring(ET.tostring(figure.tree.getroot())))
    on_top = draw_with_labels_on_top(figure)
    faults = []
    for label in figure.labels:
        differing = np.sqrt(((label_pixels(label, figure, as_drawn, 0)
                              - label_pixels(label, figure, on_top, 0)) ** 2).sum(axis=1))
        if (differing > INK_DISTANCE).sum() >= 4:
            faults.append(f"{label.text!r} is partly hidden by a shape drawn over it")
    return faults


def label_pixels(label: Label, figure: Figure, picture: np.ndarray,
                 clearance: float = CLEARANCE) -> np.ndarray:
    """The picture's pixels under the label's ink box plus a clearance (rotated labels too)."""
    vx, vy = figure.view_box[:2]
    x0, y0, x1, y1 = label.bounds()
    rows = np.arange(max(0, int((y0 - clearance - vy) * PIXELS_PER_UNIT)),
                     min(picture.shape[0], int(math.ceil((y1 + clearance - vy) * PIXELS_PER_UNIT))))
    cols = np.arange(max(0, int((x0 - clearance - vx) * PIXELS_PER_UNIT)),
                     min(picture.shape[1], int(math.ceil((x1 + clearance - vx) * PIXELS_PER_UNIT))))
    if not len(rows) or not len(cols):
        return np.zeros((0, 3), int)
    py, px = np.meshgrid((rows + 0.5) / PIXELS_PER_UNIT + vy, (cols + 0.5) / PIXELS_PER_UNIT + vx,
                         indexing="ij")
    # Back into the text's own coordinates, to keep only the pixels in its (turned) box.
    a, b, c, d, e, f = label.matrix
    det = a * d - b * c
    tx = (d * (px - e) - c * (py - f)) / det
    ty = (-b * (px - e) + a * (py - f)) / det
    bx0, by0, bx1, by1 = label.box
    inside = ((tx >= bx0 - clearance) & (tx <= bx1 + clearance)
              & (ty >= by0 - clearance) & (ty <= by1 + clearance))
    return picture[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1][inside]


def label_faults(figure: Figure, picture: np.ndarray) -> list[str]:
    faults = []
    vx, vy, vw, vh = figure.view_box
    for label in figure.labels:
        x0, y0, x1, y1 = label.bounds()
        if x0 < vx or y0 < vy or x1 > vx + vw or y1 > vy + vh:
            faults.append(f"{label.text!r} is cut off by the edge of the picture")
            continue
        pixels = label_pixels(label, figure, picture)
        # The background is the commonest colour (packed into one number to count fast).
        packed = pixels @ np.array([65536, 256, 1])
        values, counts = np.unique(packed, return_counts=True)
        background = pixels[packed == values[counts.argmax()]][0]
        crossing = np.sqrt(((pixels - background) ** 2).sum(axis=1)) > INK_DISTANCE
        if crossing.sum() >= 2:
            faults.append(f"{label.text!r} is crossed or touched by a line or shape")
        colour = rgb(label.style.get("fill"))
        needed = 3.0 if label.large else 4.5
        if colour and contrast(colour, tuple(background)) < needed:
            faults.append(f"{label.text!r} has contrast {contrast(colour, tuple(background)):.1f}"
                          f" on its background (needs {needed})")
    for i, a in enumerate(figure.labels):
        for b in figure.labels[i + 1:]:
            if overlap(a.corners(), b.corners()):
                faults.append(f"{a.text!r} overlaps {b.text!r}")
    return faults


def overlap(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Whether two labels' boxes (turned rectangles) overlap: no side of either separates them."""
    for polygon in (a, b):
        for (x0, y0), (x1, y1) in zip(polygon, polygon[1:] + polygon[:1]):
            normal = (y0 - y1, x1 - x0)
            project_a = [normal[0] * x + normal[1] * y for x, y in a]
            project_b = [normal[0] * x + normal[1] * y for x, y in b]
            if max(project_a) <= min(project_b) or max(project_b) <= min(project_a):
                return False
    return True


def figure_faults(path: Path) -> list[str]:
    figure = read(path)
    faults = [f"lines told apart by hue alone: {pair}" for pair in too_close(line_keys(figure))]
    faults += [f"legend keys told apart by hue alone: {pair}"
               for pair in too_close(legend_keys(figure))]
    return faults + label_faults(figure, draw_without_text(figure)) + hidden_labels(figure)


needs_rsvg = pytest.mark.skipif(not (shutil.which("rsvg-convert") and shutil.which("fc-match")),
                                reason="needs rsvg-convert and fontconfig")


@cache
def all_faults() -> dict[Path, list[str]]:
    # rsvg-convert runs in threads: the whole book's figures in a few seconds.
    with ThreadPoolExecutor(4) as pool:
        return dict(zip(FIGURES, pool.map(figure_faults, FIGURES)))


@needs_rsvg
@pytest.mark.parametrize("path", FIGURES, ids=lambda p: p.stem)
def test_figure_reads_in_greyscale_with_clear_labels(path):
    assert all_faults()[path] == []


def test_the_book_has_its_figures():
    # Guards the glob above: a moved folder must not turn the test above into no test at all.
    assert len(FIGURES) >= 80


def test_drawdown_chart_series_differ_in_grey(tmp_path):
    pytest.importorskip("matplotlib")
    from handbook.common.drawdown_data import load_solutions
    from handbook.solutions_overview import CHART_NAME, draw_chart

    draw_chart(load_solutions(ROOT / "data" / "drawdown-solutions.csv"), tmp_path)
    chart = (tmp_path / f"{CHART_NAME}.svg").read_text()
    # matplotlib writes fills as CSS; the bars (and their legend keys) are the only colours.
    colours = {ImageColor.getrgb(c) for c in re.findall(r"fill:\s*(#[0-9a-fA-F]{6})", chart)}
    series = sorted(grey(c) for c in colours if not neutral(c))
    assert len(series) == 2
    assert series[1] - series[0] >= MIN_GREY_STEP


def test_figure_labels_write_formulas_with_subscripts():
    """A figure's label writes CO₂, CH₄, N₂O, NH₃ as the text does (chemical_formulas.py sets
    the text's; a figure is drawn as its author wrote it): 27 figures printed "CO2"."""
    from handbook.chemical_formulas import FORMULA

    plain = []
    for path in FIGURES:
        for element in ET.parse(path).iter():
            if local(element.tag) in ("text", "tspan", "title", "desc"):
                for text in (element.text or "", element.tail or ""):
                    plain += [f"{path.name}: {match.group(0)} in {text.strip()!r}"
                              for match in FORMULA.finditer(text)
                              if re.search(r"[0-9]", match.group(0))]
    assert plain == []
