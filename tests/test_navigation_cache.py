"""The sidebar rendered once per folder gives exactly the pages the theme renders itself."""

from __future__ import annotations

import pytest
from conftest import copy_of_book, run_make
from test_reproducible import SMALL_OPTIONS, differences

pytestmark = pytest.mark.book


def test_fast_navigation_pages_are_byte_identical_to_stock(tmp_path):
    source = copy_of_book(tmp_path)
    run_make(tmp_path / "fast", "html", SOURCE=str(source), SPHINXOPTS=SMALL_OPTIONS)
    run_make(tmp_path / "stock", "html", SOURCE=str(source),
             SPHINXOPTS=SMALL_OPTIONS + " -D handbook_speedups=0")
    # .buildinfo records the configuration's hash, which differs by that one option.
    assert differences(tmp_path / "fast" / "html", tmp_path / "stock" / "html") == [".buildinfo"]


def test_current_page_and_its_part_are_marked(book):
    build_dir, _ = book
    page = (build_dir / "html" / "buildings" / "insulation.html").read_text()
    assert '<li class="toctree-l2 current active"><a class="current reference internal" ' \
           'href="#">Insulation</a>' in page
    assert '<li class="toctree-l1 current active has-children"><a class="reference internal" ' \
           'href="index.html">Buildings</a><details open="open">' in page
    assert page.count('class="current reference internal"') == 1
