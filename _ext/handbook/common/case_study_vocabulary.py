"""Where a case study happened and in which sector: controlled values, so that the
case-study index groups them once ("United States", never also "USA").

``:region:`` is one or more places separated by ``;``, each of them

- a country, by its ISO 3166 name as pycountry gives it (its common name where ISO has
  one: "Bolivia", "Iran", "South Korea", "Tanzania", "Vietnam"; otherwise the ISO name:
  "United States", "United Kingdom"),
- a place in a country, "City, Country" ("Copenhagen, Denmark", "California, United
  States"): the part after the last comma is the country,
- or one of the world regions below.

Each country belongs to one world region, by its UN M49 sub-region
(``data/world-regions.csv``), so the index can group by country and by world region.

``:sector:`` is one of SECTORS, chosen to fit all of Project Drawdown's sectors.
Anything else is a warning with the nearest allowed value.

NOT_STATED ("Not stated") is a region or sector the old site's page did not give: allowed
only in a chapter ``handbook import`` wrote (its front matter has IMPORTED_FROM), so
that an editor fills it in; the case-study index lists it under "Not stated", and the
map leaves it out.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

WORLD_REGIONS = (
    "Global", "Europe", "North America", "Latin America and the Caribbean",
    "Sub-Saharan Africa", "Middle East and North Africa", "South Asia",
    "East Asia and the Pacific", "Central Asia",
)
SECTORS = (
    "Residential", "Commercial", "Industrial", "Public and institutional",
    "Utilities and networks", "Agriculture and food", "Forests and land", "Transport",
    "Waste and materials", "Coasts and oceans", "Health and education",
)
NOT_STATED = "Not stated"
# The front-matter key ``handbook import`` writes: the page of the old site a chapter was
# made from. Only such a chapter may leave a case study's region or sector NOT_STATED.
IMPORTED_FROM = "imported_from"
# Names people write for countries that are not ISO's.
COUNTRY_ALIASES = {
    "usa": "US", "us": "US", "u.s.": "US", "u.s.a.": "US", "america": "US",
    "united states of america": "US", "uk": "GB", "u.k.": "GB", "britain": "GB",
    "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB",
    "vietnam": "VN", "russia": "RU", "korea": "KR", "czech republic": "CZ",
    "holland": "NL", "the netherlands": "NL", "uae": "AE", "turkey": "TR",
}
# Words in a free-text sector that point to the allowed one.
SECTOR_HINTS = {
    "household": "Residential", "home": "Residential", "house": "Residential",
    "multifamily": "Residential", "apartment": "Residential", "office": "Commercial",
    "retail": "Commercial", "hotel": "Commercial", "shop": "Commercial",
    "manufactur": "Industrial", "factor": "Industrial", "industr": "Industrial",
    "campus": "Public and institutional", "institution": "Public and institutional",
    "public": "Public and institutional", "school": "Public and institutional",
    "hospital": "Public and institutional", "universit": "Public and institutional",
    "municipal": "Public and institutional", "government": "Public and institutional",
    "utilit": "Utilities and networks", "grid": "Utilities and networks",
    "network": "Utilities and networks", "district": "Utilities and networks",
    "farm": "Agriculture and food", "food": "Agriculture and food", "forest": "Forests and land",
    "vehicle": "Transport", "shipping": "Transport", "freight": "Transport", "rail": "Transport",
    "passenger": "Transport", "aviation": "Transport", "cars": "Transport", "bus": "Transport", "waste": "Waste and materials",
    "recycl": "Waste and materials", "ocean": "Coasts and oceans", "coast": "Coasts and oceans",
    "health": "Health and education", "education": "Health and education",
}
REGIONS_FILE = Path(__file__).resolve().parents[3] / "data" / "world-regions.csv"


@dataclass(frozen=True)
class Country:
    name: str
    iso: str  # ISO 3166-1 alpha-2
    world_region: str


@dataclass(frozen=True)
class Place:
    """A normalised ``:region:``: what it says, its countries and its world regions."""

    text: str
    countries: tuple[Country, ...]
    world_regions: tuple[str, ...]


class VocabularyProblem(ValueError):
    def __init__(self, message: str, suggestion: str | None):
        super().__init__(message + (f"; did you mean {suggestion!r}?" if suggestion else ""))
        self.suggestion = suggestion


def display_name(country) -> str:
    return getattr(country, "common_name", None) or country.name


@cache
def world_region_of() -> dict[str, str]:
    with REGIONS_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["iso_alpha_2"]: row["world_region"] for row in csv.DictReader(handle)}


@cache
def countries_by_name() -> dict[str, Country]:
    regions = world_region_of()
    found = {}
    for country in pycountry.countries:
        entry = Country(display_name(country), country.alpha_2,
                        regions.get(country.alpha_2, "Global"))
        for name in (country.name, display_name(country), getattr(country, "official_name", "")):
            if name:
                found[name.casefold()] = entry
    return found


def nearest(text: str, candidates: list[str]) -> str | None:
    match = difflib.get_close_matches(text, candidates, n=1, cutoff=0.6)
    if match:
        return match[0]
    folded = {candidate.casefold(): candidate for candidate in candidates}
    match = difflib.get_close_matches(text.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def country(text: str) -> Country:
    by_name = countries_by_name()
    key = text.strip().casefold()
    if key in by_name and by_name[key].name == text.strip():
        return by_name[key]
    if key in by_name:
        raise VocabularyProblem(f"{text!r} is written {by_name[key].name!r}", by_name[key].name)
    if key in COUNTRY_ALIASES:
        iso = COUNTRY_ALIASES[key]
        right = next(entry for entry in by_name.values() if entry.iso == iso)
        raise VocabularyProblem(f"{text!r} is not the country's ISO 3166 name", right.name)
    names = sorted({entry.name for entry in by_name.values()})
    raise VocabularyProblem(f"{text!r} is not a country (ISO 3166 name)",
                            nearest(text, names + list(WORLD_REGIONS)))


def one_place(text: str) -> tuple[str, tuple[Country, ...], tuple[str, ...]]:
    text = " ".join(text.split())
    if text in WORLD_REGIONS:
        return text, (), (text,)
    folded = {region.casefold(): region for region in WORLD_REGIONS}
    if text.casefold() in folded:
        raise VocabularyProblem(f"{text!r} is written {folded[text.casefold()]!r}",
                                folded[text.casefold()])
    local, comma, country_text = text.rpartition(",")
    if comma and not local.strip():
        raise VocabularyProblem(f"{text!r} has nothing before its comma", None)
    try:
        found = country(country_text if comma else text)
    except VocabularyProblem as problem:
        if not comma or problem.suggestion is None:
            raise
        raise VocabularyProblem(str(problem).split("; did you")[0],
                                f"{local.strip()}, {problem.suggestion}") from None
    shown = f"{local.strip()}, {found.name}" if comma else found.name
    return shown, (found,), (found.world_region,)


def place(text: str, not_stated_allowed: bool = False) -> Place:
    """The normalised place of a ``:region:``; VocabularyProblem when it is none.
    NOT_STATED is a place with no country and no world region, where it is allowed."""
    if " ".join(text.split()).casefold() == NOT_STATED.casefold():
        return Place(NOT_STATED, (), ()) if not_stated_allowed else not_stated_refused()
    parts = [part for part in text.split(";")]
    if not text.strip() or any(not part.strip() for part in parts):
        raise VocabularyProblem("an empty place", None)
    shown, countries, regions = [], [], []
    for part in parts:
        try:
            name, its_countries, its_regions = one_place(part)
        except VocabularyProblem as problem:
            if len(parts) == 1:
                raise
            raise VocabularyProblem(f"in {text!r}: {problem}".split("; did you")[0],
                                    problem.suggestion) from None
        shown.append(name)
        countries += [c for c in its_countries if c not in countries]
        regions += [r for r in its_regions if r not in regions]
    return Place("; ".join(shown), tuple(countries), tuple(regions))


def sector(text: str, not_stated_allowed: bool = False) -> str:
    text = " ".join(text.split())
    if text in SECTORS:
        return text
    if text.casefold() == NOT_STATED.casefold():
        return NOT_STATED if not_stated_allowed else not_stated_refused()
    folded = text.casefold()
    suggestion = next((s for s in SECTORS if folded.startswith(s.casefold())), None) or next(
        (allowed for word, allowed in SECTOR_HINTS.items() if re.search(rf"\b{word}", folded)),
        None) or nearest(
        text, list(SECTORS))
    raise VocabularyProblem(f"{text!r} is not one of the book's sectors "
                            f"({', '.join(SECTORS)})", suggestion)


def not_stated_refused():
    raise VocabularyProblem(f"{NOT_STATED!r} is allowed only in a chapter imported from the "
                            f"old site (front matter {IMPORTED_FROM!r}), until an editor "
                            "fills it in; give the real value", None)
