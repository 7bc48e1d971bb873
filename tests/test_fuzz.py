"""Untrusted chapters (issue 23): a fuzz of chapters, front matter and course files ends in
no crash and no warning without a location.

A small, fixed sample of ``benchmarks/fuzz_sources.py``: every mutation operator once (so
every kind: byte, line, token, front matter, course file), each a small book built with
the project's real configuration. About 25 s on 2 idle cores. The same sample, and more, runs
with ``.venv/bin/python benchmarks/fuzz_sources.py``, which keeps each failing input
under ``_build/fuzz/failures/<index>/`` with a ``replay.sh``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = 23  # the script's default: this sample is the first mutations of its run


def load_fuzzer():
    spec = importlib.util.spec_from_file_location("fuzz_sources",
                                                  REPO / "benchmarks" / "fuzz_sources.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


fuzz_sources = load_fuzzer()


def test_fuzzed_sources_build_without_crash_or_unlocated_warning(tmp_path):
    count = len(fuzz_sources.OPERATORS)
    jobs = os.cpu_count() or 2
    run = fuzz_sources.fuzz(count, SEED, jobs, failures=tmp_path / "failures", verbose=False)
    if run.results:
        # The whole report (the table, the classes of findings) shows when the test fails.
        fuzz_sources.print_report(run, SEED, jobs, tmp_path / "failures")

    broken_seeds = [r for r in run.baseline if r.outcome != "OK" or r.status != 0]
    assert not broken_seeds, "the unmutated seed book does not build cleanly:\n" + "\n".join(
        f"{r.mutation.chapter}: {r.outcome}\n{r.output[:2000]}" for r in broken_seeds)
    assert len(run.results) == count
    assert {r.mutation.kind for r in run.results} == set(fuzz_sources.KINDS)
    assert {r.mutation.operator for r in run.results} == {op[1] for op in fuzz_sources.OPERATORS}

    failures = [f"#{r.mutation.index} {r.outcome} {r.mutation.kind}/{r.mutation.operator} "
                f"({r.mutation.chapter}): {r.mutation.description[:120]}\n    "
                + "\n    ".join(line[:300] for line in r.reasons[:4])
                for r in run.failures]
    assert not failures, (f"{len(failures)} of {count} mutations (seed {SEED}) crashed the "
                          "build, warned without a location or leaked into the HTML:\n"
                          + "\n".join(failures))
