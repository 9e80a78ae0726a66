"""Checks of the built-in target files against their source documents.

The quote test needs the source texts in ``../shared/seeds/`` beside the repository
and is skipped where they are not.
"""

import re

import pytest

from conftest import SEEDS
from pcheck.messages import line
from pcheck.model import Catalog, Target
from pcheck.plantext import read_plan, searchable
from pcheck.targets import default_directory, load_targets


def builtin(catalog: Catalog) -> list[Target]:
    return load_targets(default_directory(), catalog)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source texts are not beside the repository")
def test_every_quote_is_in_its_source(catalog: Catalog) -> None:
    sources: dict[str, str] = {}
    missing = []
    for target in builtin(catalog):
        name = target.document.source
        if name not in sources:
            path = SEEDS / name
            assert path.is_file(), f"{target.location}: source {name} not found"
            sources[name] = searchable(read_plan(path).text)
        if searchable(target.quote) not in sources[name]:
            missing.append(f"{target.location}: {target.id}: {target.quote}")
    assert not missing, "quotes not found in their sources:\n" + "\n".join(missing)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source texts are not beside the repository")
def test_lint_with_the_sources_passes_the_builtin_targets() -> None:
    from click.testing import CliRunner

    from pcheck.cli import cli

    result = CliRunner().invoke(cli, ["targets", "lint", "--sources", str(SEEDS)])
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.endswith(" target(s) checked: 0 error(s), 0 warning(s)\n")


def test_every_target_file_names_an_existing_kind_of_source(catalog: Catalog) -> None:
    for target in builtin(catalog):
        assert re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", target.document.source), target.location


def test_builtin_targets_have_no_lint_warnings(catalog: Catalog) -> None:
    from pcheck.lint import lint_targets

    assert [line(p) for p in lint_targets(builtin(catalog), catalog)] == []


def test_the_targets_document_is_up_to_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/targets.md is ``pcheck targets list --format markdown``, with a heading."""
    import os

    from click.testing import CliRunner

    from conftest import ROOT
    from pcheck.cli import cli

    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["targets", "list", "--format", "markdown"])
    expected = DOCS_HEADING + result.stdout
    path = ROOT / "docs" / "targets.md"
    if os.environ.get("PCHECK_UPDATE_GOLDEN"):
        path.write_text(expected, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == expected


DOCS_HEADING = """\
# Targets

Every goal pcheck knows, one row each, with the quote it came from. Written by
`pcheck targets list --format markdown`; `tests/test_target_files.py` checks that it
is current (rewrite it with `PCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_target_files.py`).

"""
