"""Shared fixtures: Sphinx's test fixtures, our test roots, and a one-page book builder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import chromium, serve
from shared_book import (
    SharedBuild,
    once,
    run_in_background,
    wait_for_status,
    write_status,
)
from sphinx.util.console import strip_escape_sequences
from worker_groups import GroupScheduling, choose_groups_file, write_groups

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).resolve().parents[1]
# The old site's pages and Drawdown's table, supplied by the owner next to the project.
UPSTREAM = REPO.parent / "shared" / "upstream"
needs_upstream = pytest.mark.skipif(not UPSTREAM.is_dir(),
                                    reason=f"{UPSTREAM} (the old site's pages) is not there")


def copy_of_book(tmp_path: Path, parts: tuple[str, ...] = ("buildings",)) -> Path:
    """A copy of the book's sources (``tmp_path/book``) with only *parts* in it: a real book
    whose size does not grow with the book. Every .bib file stays (the factors appendix
    cites sources of every part); build it with ``-D handbook_check_unused=0``."""
    source = tmp_path / "book"
    shutil.copytree(REPO / "book", source, ignore=shutil.ignore_patterns("_generated"))
    index = source / "index.md"
    for folder in sorted(p for p in source.iterdir() if (p / "index.md").is_file()):
        if folder.name not in parts:
            shutil.rmtree(folder)
            index.write_text(index.read_text().replace(f"{folder.name}/index\n", ""))
    return source


def make_command(build_dir: Path, *targets: str, **variables: str) -> list[str]:
    args = ["make", "-C", str(REPO), *targets, f"BUILD={build_dir}"]
    return args + [f"{key}={value}" for key, value in variables.items()]


def run_make(build_dir: Path, *targets: str, **variables: str) -> str:
    """Run the project's Makefile with its output in *build_dir*; fail with its output."""
    result = subprocess.run(make_command(build_dir, *targets, **variables), capture_output=True,
                            text=True, env=os.environ | {"NO_COLOR": "1"})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return output


def run_makes_at_once(build_dir: Path, *targets: str) -> str:
    """``make <target>`` for each target, all at once (LaTeX uses one core; there are
    two): the suite's longest steps overlap. Fails with the output of any that failed."""
    logs = [build_dir / f"make-{target}.log" for target in targets]
    runs = [run_in_background(make_command(build_dir, target), log,
                              env=os.environ | {"NO_COLOR": "1"})
            for target, log in zip(targets, logs)]
    for run in runs:
        run.wait()
    outputs = [log.read_text() for log in logs]
    for run, output in zip(runs, outputs):
        assert run.returncode == 0, output
    return "".join(outputs)


BOOK_PDF = "climate-solutions-handbook.pdf"
BOOK_EPUB = "climate-solutions-handbook.epub"
ACE = REPO / "tools" / "ace" / "node_modules" / ".bin" / "ace-puppeteer"


def build_real_book(build_dir: Path):
    """The real book's editions as `make book` builds them, the longest step of the
    suite, at once (LaTeX takes one core for most of its time, and the HTML and EPUB
    editions fill the gaps). `make book` then puts the PDF and EPUB beside the HTML
    edition, which offers them for download; here they are finished last, so they are
    copied at the end.

    Then DAISY Ace checks the EPUB: it spends most of its minute and a half waiting on
    the browser, so it runs after the book is reported built, beside the tests."""
    output = run_makes_at_once(build_dir, "pdf", "html", "epub")
    shutil.copy(build_dir / "pdf" / BOOK_PDF, build_dir / "html" / BOOK_PDF)
    shutil.copy(build_dir / "epub" / BOOK_EPUB, build_dir / "html" / BOOK_EPUB)
    ace = run_in_background(
        [str(ACE), "--silent", "--force", "--outdir", str(build_dir / "ace"),
         str(build_dir / "epub" / BOOK_EPUB)], build_dir / "ace.log",
        env=os.environ | {"PUPPETEER_EXECUTABLE_PATH": "/usr/bin/chromium"})

    def wait_for_ace() -> None:
        try:
            returncode = ace.wait(timeout=900)
        except subprocess.TimeoutExpired:
            ace.kill()
            returncode = -1
        write_status(build_dir / "ace.status", returncode, (build_dir / "ace.log").read_text())

    return output, wait_for_ace


_book: SharedBuild | None = None


def shared_book(tmp_path_factory) -> SharedBuild:
    """This process's handle on the run's one book, in the folder the workers share."""
    global _book
    if _book is None:
        base = tmp_path_factory.getbasetemp()
        root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
        _book = SharedBuild(root, "book", build_real_book)
    return _book


def needs_book(item: pytest.Item) -> bool:
    # The session's book, not a module's fixture of the same name (the importer's copy of
    # a part); html_edition asks for it only when HANDBOOK_HTML names no built edition.
    book = item._fixtureinfo.name2fixturedefs.get("book")
    return bool(book) and book[-1].scope == "session" or (
        "html_edition" in item.fixturenames and not os.environ.get("HANDBOOK_HTML"))


def pytest_configure(config):
    if is_xdist_controller(config):
        choose_groups_file()


def is_xdist_controller(config) -> bool:
    return (config.pluginmanager.hasplugin("xdist") and config.getoption("numprocesses")
            and not os.environ.get("PYTEST_XDIST_WORKER"))


def pytest_xdist_make_scheduler(config, log):
    return GroupScheduling(config, log)


def pytest_collection_modifyitems(config, items):
    """The tests that need the book run after those that do not, which run while it
    builds. With pytest-xdist, a test that uses a fixture shared by its module's tests
    goes to one worker with them (worker_groups.py)."""
    items.sort(key=needs_book)  # stable: the collection's order otherwise
    if os.environ.get("PYTEST_XDIST_WORKER"):
        groups = {}
        for item in items:
            shared = [name for name, defs in item._fixtureinfo.name2fixturedefs.items()
                      if defs[-1].scope in ("module", "class")]
            if shared:
                groups[item.nodeid] = item.module.__name__ + ("-with-book" if needs_book(item) else "")
        write_groups(groups)


@pytest.fixture(scope="session", autouse=True)
def book_started_early(request, tmp_path_factory):
    """Starts the book's build as the first test begins, if a test of this run needs it."""
    book = shared_book(tmp_path_factory)
    if any(needs_book(item) for item in request.session.items):
        book.start()
    yield
    book.finish()


@pytest.fixture(scope="session")
def book(tmp_path_factory):
    """The real book, its editions, built once per test run (see build_real_book)."""
    return shared_book(tmp_path_factory).wait()


@pytest.fixture(scope="session")
def ace_report(book) -> dict:
    """DAISY Ace's report on the session's EPUB (its report.json)."""
    build_dir, _ = book
    wait_for_status(build_dir / "ace.status", "DAISY Ace on the EPUB")
    return json.loads((build_dir / "ace" / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def html_edition(request) -> Path:
    """The HTML edition's folder: ``HANDBOOK_HTML`` when set (``make check`` builds only
    the HTML edition), else the session's book."""
    if os.environ.get("HANDBOOK_HTML"):
        return Path(os.environ["HANDBOOK_HTML"])
    build_dir, _ = request.getfixturevalue("book")
    return build_dir / "html"


@pytest.fixture(scope="module")
def site(html_edition):
    """The HTML edition served on a loopback port, and a browser: (folder, its URL, browser)."""
    with serve(html_edition) as base_url, chromium() as browser:
        yield html_edition, base_url, browser


EXAMPLE_COURSE = "heating-without-fossil-fuels"


@pytest.fixture(scope="session")
def course_pack(book) -> Path:
    """The example course's PDF, built once per session next to the book."""
    build_dir, _ = book
    once(build_dir, "course-pack", lambda: run_make(build_dir, "course", COURSE=EXAMPLE_COURSE))
    return build_dir / "pdf" / "courses" / f"{EXAMPLE_COURSE}.pdf"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def build_book(make_app, tmp_path):
    """Build a book of the given pages ({filename: Markdown}) from the minimal test root.

    Returns the app and its warnings as text. ``srcdir`` and ``parallel`` can be given to
    build the same pages twice in different places or with several processes.
    """

    earlier = []

    def build(pages: dict[str, str], builder: str = "html", srcdir: Path | None = None,
              parallel: int = 0, **confoverrides):
        # A second build in one test starts as a first one would: without the node classes
        # and directives the earlier app registered (else Sphinx warns they are registered).
        for app in earlier:
            app.cleanup()
        srcdir = srcdir or tmp_path / "src"
        shutil.copytree(ROOTS / "test-minimal", srcdir, dirs_exist_ok=True)
        for filename, text in pages.items():
            (srcdir / filename).parent.mkdir(parents=True, exist_ok=True)
            (srcdir / filename).write_text(text, encoding="utf-8")
        app = make_app(builder, srcdir=srcdir, parallel=parallel, confoverrides=confoverrides)
        earlier.append(app)
        app.build()
        return app, strip_escape_sequences(app.warning.getvalue())

    return build


@pytest.fixture
def build_page(build_book):
    """Build a book whose only page is *text*; return the app and its warnings as text."""

    def build(text: str, builder: str = "html", **confoverrides):
        return build_book({"index.md": text}, builder, **confoverrides)

    return build
