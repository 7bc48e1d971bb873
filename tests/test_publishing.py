"""How the book reaches readers: Read the Docs builds the HTML edition (with the PDF and
EPUB as downloads), GitHub Actions tests pull requests and releases every edition on a
version tag, and long builds say how far they have got. The two configuration files are
checked against their schemas (shipped with check-jsonschema: nothing is fetched)."""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from conftest import REPO, make_command
from test_licence import schema_check

READTHEDOCS = REPO / ".readthedocs.yaml"
WORKFLOW = REPO / ".github" / "workflows" / "book.yml"
# Packages only the tests need; Read the Docs builds the editions, it runs no test.
TEST_ONLY = {"chromium", "default-jre-headless"}


def debian_packages() -> set[str]:
    result = subprocess.run(["make", "-s", "-C", str(REPO), "debian-packages"],
                            capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_read_the_docs_configuration_passes_its_schema():
    result = schema_check("vendor.readthedocs", READTHEDOCS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_refuses_a_broken_read_the_docs_file(tmp_path):
    broken = tmp_path / ".readthedocs.yaml"
    config = yaml.safe_load(READTHEDOCS.read_text())
    config["build"]["os"] = "windows-11"
    broken.write_text(yaml.safe_dump(config))
    assert schema_check("vendor.readthedocs", broken).returncode == 1


def test_read_the_docs_installs_what_the_makefile_needs_and_runs_its_targets():
    config = yaml.safe_load(READTHEDOCS.read_text())["build"]
    needed = debian_packages() - TEST_ONLY
    if "nodejs" in config["tools"]:
        needed.discard("npm")  # Read the Docs' Node.js brings npm
    assert needed - set(config["apt_packages"]) == set()
    assert config["tools"]["python"] == "3.11"
    commands = config["commands"]
    assert commands[0].startswith("make book")
    outputs = " ".join(commands[1:])
    for kind, file in (("html", "_build/html"), ("pdf", "climate-solutions-handbook.pdf"),
                       ("epub", "climate-solutions-handbook.epub")):
        assert file in outputs and f"$READTHEDOCS_OUTPUT/{kind}" in outputs


def test_workflow_passes_its_schema():
    result = schema_check("vendor.github-workflows", WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_tests_pull_requests_and_releases_every_edition_on_a_tag():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as true
    assert "pull_request" in triggers and triggers["push"]["tags"] == ["v*"]
    jobs = workflow["jobs"]
    runs = lambda job: [step.get("run", "") for step in jobs[job]["steps"]]  # noqa: E731
    assert "make test" in runs("test")
    assert jobs["release"]["needs"] == "test" and "refs/tags/v" in jobs["release"]["if"]
    assert "make release" in runs("release")
    uploads = [step["with"] for step in jobs["release"]["steps"] if "with" in step]
    assert {"files": "_build/release/*"} in uploads and {"path": "_build/html"} in uploads
    assert any(step.get("uses", "").startswith("actions/deploy-pages") for step in jobs["pages"]["steps"])
    # Debian 12, Python 3.11: the machine the README's two commands are written for.
    assert jobs["test"]["container"] == jobs["release"]["container"] == "debian:12"


def test_a_release_holds_every_edition():
    result = subprocess.run([*make_command(REPO / "_build" / "dry-run", "release"), "-n"],
                            capture_output=True, text=True, check=True)
    plan = result.stdout
    for step in ("pdf PAPER=letter", "instructor", "handouts", "course COURSE=heating-without-fossil-fuels"):
        assert f"--no-print-directory {step}" in plan, step
    for name in ("climate-solutions-handbook.pdf", "climate-solutions-handbook-letter.pdf",
                 "climate-solutions-handbook-instructor.pdf", "climate-solutions-handbook.epub",
                 "climate-solutions-handbook-handouts.zip", "climate-solutions-handbook-html.zip",
                 "climate-solutions-handbook-course-heating-without-fossil-fuels.pdf"):
        assert name in plan, name
        assert name in (REPO / "README.md").read_text(), f"README's Publishing does not name {name}"


def test_timed_says_how_long_a_step_took_and_keeps_the_line(tmp_path):
    times = tmp_path / "times"
    result = subprocess.run([str(REPO / "tools" / "timed"), str(times), "PDF edition", "sleep", "1"],
                            capture_output=True, text=True)
    assert result.returncode == 0
    assert re.fullmatch(r"  PDF edition 0 min 0[12] s\n", result.stdout)
    assert times.read_text() == result.stdout
    failed = subprocess.run([str(REPO / "tools" / "timed"), str(times), "EPUB edition", "false"],
                            capture_output=True, text=True)
    assert failed.returncode == 1 and failed.stdout.endswith("(failed)\n")


@pytest.mark.book
def test_each_latex_pass_of_the_book_prints_its_page_count(book):
    _, output = book
    passes = re.findall(r"LuaLaTeX pass (\d+) of climate-solutions-handbook\.tex: (\d+) pages", output)
    assert len(passes) >= 2  # the reader's PDF takes two passes at least
    assert all(int(pages) > 1000 for _, pages in passes)
