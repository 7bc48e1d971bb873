"""Build speed: the book's HTML builds in about a third of the time stock Sphinx takes.

All of it sits behind one setting, ``handbook_speedups`` (on; off only for the
benchmark's baseline and the test that pages come out byte-identical either way), and is
connected here, in one place, once the setting is known:

- ``navigation``: the sidebar rendered once per build, each page given its marks;
- ``template_cache``: the theme's compiled templates kept between builds;
- ``lean_environment``: the saved environment without copies of every chapter;
- ``garbage_collection``: Python's cyclic collector run less often, and not at exit;
- ``figure_numbers``: figures numbered again only when a number can change, and only
  the pages whose numbers changed rewritten;
- ``small_builds``: a build that reads a few files (a saved chapter) runs in one process;
- ``numref_targets``: a {numref} into its own page numbered without reading the page again.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from handbook.sidebar_names import connect_toggle_names
from handbook.speed.figure_numbers import connect_figure_numbering
from handbook.speed.garbage_collection import connect_garbage_collection
from handbook.speed.lean_environment import connect_lean_environment
from handbook.speed.navigation import connect_navigation_cache
from handbook.speed.numref_targets import connect_numref_targets
from handbook.speed.small_builds import connect_small_builds
from handbook.speed.template_cache import connect_template_cache


def connect_speedups(app: Sphinx, config: Config) -> None:
    if not config.handbook_speedups:
        connect_toggle_names(app)  # accessibility, which the navigation cache does itself
        return
    connect_navigation_cache(app)
    connect_template_cache(app)
    connect_lean_environment(app)
    connect_garbage_collection(app)
    connect_figure_numbering(app)
    connect_small_builds(app)
    connect_numref_targets(app)


def setup_speed(app: Sphinx) -> None:
    app.add_config_value("handbook_speedups", True, "html", types=[bool])
    app.connect("config-inited", connect_speedups)
