"""What changes when a file is saved: the key under which what was read from it is kept
(``functools.lru_cache`` on the path and this), so a file is read again only after it
changed."""

from __future__ import annotations

from pathlib import Path


def file_version(path: Path) -> tuple[int, int] | None:
    """The file's modification time (ns) and size; None when there is no such file."""
    try:
        status = Path(path).stat()
    except FileNotFoundError:
        return None
    return status.st_mtime_ns, status.st_size
