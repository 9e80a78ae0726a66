from collections.abc import Callable
from pathlib import Path

from conftest import target_file
from pcheck.lint import lint_targets
from pcheck.messages import line
from pcheck.model import Catalog, Severity
from pcheck.targets import load_targets

Write = Callable[[str, str], Path]


def lint(directory: Path, catalog: Catalog) -> list[str]:
    problems = lint_targets(load_targets(directory, catalog), catalog)
    assert all(p.severity is Severity.WARNING for p in problems)
    return [line(p).split("/")[-1] for p in problems]


def test_an_override_without_a_comment(write: Write, catalog: Catalog) -> None:
    path = write(
        "t/a.yaml",
        target_file(
            """
            - id: explained
              metric: rd_intensity
              region: 杭州市  # the city's own goal, in the province's document
              op: ">="
              value: 3
              unit: "%"
              quote: q
            """,
            """
            - id: unexplained
              metric: rd_intensity
              year: 2025
              op: ">="
              value: 3
              unit: "%"
              quote: q
            """,
            """
            - id: same
              metric: rd_intensity
              op: ">="
              value: 3
              unit: "%"
              quote: q
            """,
        ),
    )
    assert lint(path.parent, catalog) == [
        "a.yaml:16:5: warning[unexplained-override]: region or year differs from the "
        "document's; add a comment saying why"
    ]


def test_growth_of_a_percentage(write: Write, catalog: Catalog) -> None:
    path = write(
        "t/g.yaml",
        target_file(
            """
            - id: g
              metric: rd_intensity
              basis: growth
              op: ">="
              value: 5
              unit: "%"
              quote: q
            """
        ),
    )
    (warning,) = lint(path.parent, catalog)
    assert "warning[growth-of-rate]" in warning
