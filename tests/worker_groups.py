"""Which tests go to one pytest-xdist worker together: those that share a fixture of their
module (a course pack, the browser survey), so that no such fixture is made twice.

pytest-xdist 3.8's ``--dist loadgroup`` renames each grouped test's node id, which pytest
9.2 no longer allows (a node id is derived, not stored), so its groups silently vanish.
Here the workers write the groups to a file when they have collected the tests, and the
controller's scheduler reads it: xdist's own scheduling by scope, with these scopes.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from handbook.common.text_files import write_if_changed
from xdist.scheduler import LoadScopeScheduling

GROUPS_FILE = "HANDBOOK_TEST_GROUPS"  # the environment variable naming the file


def choose_groups_file() -> None:
    """In the controller, before it starts the workers (which inherit its environment)."""
    folder = tempfile.mkdtemp(prefix="handbook-test-groups-")
    os.environ[GROUPS_FILE] = str(Path(folder) / "groups.json")


def write_groups(groups: dict[str, str]) -> None:
    """In a worker: node id -> group of every grouped test (every worker writes the same)."""
    write_if_changed(Path(os.environ[GROUPS_FILE]), json.dumps(groups))


class GroupScheduling(LoadScopeScheduling):
    """A grouped test's scope is its group; any other test is a scope of its own. Scopes
    go out in the order collected (``--no-loadscope-reorder``)."""

    def _split_scope(self, nodeid: str) -> str:
        if not hasattr(self, "groups"):  # read once every worker has collected
            self.groups = json.loads(Path(os.environ[GROUPS_FILE]).read_text())
        return self.groups.get(nodeid, nodeid)
