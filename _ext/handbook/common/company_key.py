"""When two company names are one company: names that differ only in case, spacing,
Unicode form (NFKC) or invisible characters. The directory merges them; the importer
finds a company the book already lists by the same key."""

from __future__ import annotations

import re

from handbook.common.characters import comparable


def company_key(name: str) -> str:
    return re.sub(r"\s+", " ", comparable(name)).strip().casefold()
