"""A world map of counts by country, as SVG: the case-study index's map.

Country outlines come from Natural Earth (1:110m, public domain) as TopoJSON in the npm
package world-atlas, which the Makefile installs into ``tools/world-atlas/``: nothing is
downloaded while the book builds. Countries are keyed by ISO 3166 numeric code there and
by alpha-2 code in the book; pycountry maps one to the other. The map uses the Equal
Earth projection (Šavrič, Patterson and Jenny, 2018), an equal-area projection, so that
no country looks larger than it is. No Sphinx here: the importer's rules stay free of it.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pycountry

WIDTH = 1000
# Equal Earth's constants.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
# The classes of the legend: (lowest count, label); a country takes the last it reaches.
BANDS = ((1, "1"), (2, "2–3"), (4, "4–7"), (8, "8 or more"))
COLOURS = ("#e3ece9", "#a9d3c9", "#6bb3a4", "#2f8a79", "#0d544a")  # none, then each band


class WorldMapError(Exception):
    """The outlines cannot be read: one line, naming the file."""


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166 alpha-2, or "" where Natural Earth has no code (Kosovo, N. Cyprus)
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (longitude, latitude) in degrees


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    theta = math.asin(M * math.sin(math.radians(latitude)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = math.radians(longitude) * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs in degrees (quantised and delta-encoded in the file)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs: list, indexes: list[int]) -> tuple[tuple[float, float], ...]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return tuple(points)


def load_countries(path: Path) -> list[Country]:
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        geometries = topology["objects"]["countries"]["geometries"]
        arcs = _arcs(topology)
    except (OSError, ValueError, KeyError) as error:
        raise WorldMapError(f"{path}: cannot read the country outlines ({error}); "
                            "`make setup` installs them") from None
    countries = []
    for geometry in geometries:
        polygons = geometry.get("arcs", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        rings = tuple(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        found = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3))
        countries.append(Country(found.alpha_2 if found else "",
                                 geometry.get("properties", {}).get("name", ""), rings))
    return countries


def _band(count: int) -> int:
    return sum(1 for lowest, _ in BANDS if count >= lowest)


def _path(rings, scale: float, left: float, top: float) -> str:
    parts = []
    for ring in rings:
        # A ring that meets the 180th meridian (Fiji, Chukotka) jumps from one edge of the
        # map to the other: the jump starts a new piece instead of a line across the world.
        pieces: list[list[str]] = [[]]
        for index, (lon, lat) in enumerate(ring):
            if index and abs(lon - ring[index - 1][0]) > 180:
                pieces.append([])
            x, y = equal_earth(lon, lat)
            pieces[-1].append(f"{(x - left) * scale:.1f},{(top - y) * scale:.1f}")
        parts += ["M" + "L".join(piece) + "Z" for piece in pieces if len(piece) > 2]
    return "".join(parts)


def world_map_svg(countries: list[Country], counts: dict[str, int], title: str) -> str:
    """The map, self-contained (colours inline, so that print and screen agree), with a
    <title> per country ("France: 6 case studies") and the legend under it."""
    left, right = equal_earth(-180, 0)[0], equal_earth(180, 0)[0]
    top, bottom = equal_earth(0, 90)[1], equal_earth(0, -90)[1]
    scale = WIDTH / (right - left)
    height = round((top - bottom) * scale)
    legend_top = height + 20
    lines = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {legend_top + 34}" '
             f'role="img" aria-labelledby="hb-map-title" class="hb-world-map">',
             f'<title id="hb-map-title">{html.escape(title)}</title>']
    for country in sorted(countries, key=lambda c: (counts.get(c.code, 0), c.name)):
        count = counts.get(country.code, 0)
        label = f"{country.name}: {count} case stud{'y' if count == 1 else 'ies'}"
        lines.append(f'<path d="{_path(country.rings, scale, left, top)}" fill="{COLOURS[_band(count)]}" '
                     f'stroke="#ffffff" stroke-width="0.4" data-code="{country.code}" data-count="{count}">'
                     f'<title>{html.escape(label)}</title></path>')
    x = 20
    for index, (label) in enumerate(("none", *(label for _, label in BANDS))):
        lines.append(f'<rect x="{x}" y="{legend_top}" width="24" height="16" fill="{COLOURS[index]}" '
                     f'stroke="#7a8a86" stroke-width="0.5"/>')
        lines.append(f'<text x="{x + 30}" y="{legend_top + 14}" font-family="DejaVu Sans, sans-serif" '
                     f'font-size="18" fill="#2c3532">{html.escape(label)}</text>')
        x += 50 + 11 * len(label)
    lines.append(f'<text x="{WIDTH - 10}" y="{legend_top + 14}" text-anchor="end" '
                 'font-family="DejaVu Sans, sans-serif" font-size="14" fill="#4f5a57">'
                 'Outlines: Natural Earth (public domain). Equal Earth projection.</text>')
    lines.append("</svg>")
    return "\n".join(lines) + "\n"
