from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import target_file
from pcheck.lint import lint_sources, lint_targets
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


# -- quotes against their sources (--sources) ---------------------------------------------

SOURCE = """\
一、目标
力争研发投入强度达3.2%，全年新招引科技型企业700家,力争800家。
揚(yáng)州 研发投入强度
保持在3%至3.5%之间;高新技术产业投资增速快于面上。
"""

GOOD = (
    """
    - id: rd
      metric: rd_intensity
      op: ">="
      value: 3.2
      unit: "%"
      quote: 力争研发投入强度达 3.2%
    """,
    """
    - id: stretched
      metric: hitech_enterprises_added
      op: ">="
      value: 700
      stretch: 800
      unit: 家
      quote: 力争800家
    """,
    """
    - id: range
      metric: rd_intensity
      op: between
      value: [3, 3.5]
      unit: "%"
      quote: 揚州研发投入强度保持在3%至3.5%之间
    """,
    """
    - id: referenced
      metric: hitech_investment_growth
      op: ">"
      reference: fixed_asset_investment_growth
      unit: "%"
      quote: 高新技术产业投资增速快于面上
    """,
)


def lint_sources_of(directory: Path, sources: Path, catalog: Catalog) -> list[str]:
    problems = lint_sources(load_targets(directory, catalog), sources)
    assert all(p.severity is Severity.ERROR for p in problems)
    return [line(p).replace(f"{directory}/", "") for p in problems]


def test_quotes_found_in_their_source_with_their_figures(write: Write, catalog: Catalog) -> None:
    path = write("t/a.yaml", target_file(*GOOD))
    write("sources/test.txt", SOURCE)
    assert lint_sources_of(path.parent, path.parent.parent / "sources", catalog) == []


@pytest.mark.parametrize("suffix", [".html", ".docx"])
def test_sources_may_be_web_pages_and_word_documents(
    write: Write, catalog: Catalog, tmp_path: Path, suffix: str
) -> None:
    from test_plantext import docx, paragraph

    path = write("t/a.yaml", target_file(*GOOD).replace("test.txt", f"test{suffix}"))
    paragraphs = SOURCE.splitlines()
    source = tmp_path / "sources" / f"test{suffix}"
    source.parent.mkdir()
    if suffix == ".html":
        page = '<meta charset="gb2312"><div>' + "<br>".join(paragraphs) + "</div>"
        source.write_bytes(page.encode("gb18030"))
    else:
        source.write_bytes(docx("".join(paragraph(p) for p in paragraphs)))
    assert lint_sources_of(path.parent, source.parent, catalog) == []


def test_a_quote_not_in_its_source_or_without_its_figure(write: Write, catalog: Catalog) -> None:
    path = write(
        "t/a.yaml",
        target_file(
            """
            - id: elsewhere
              metric: rd_intensity
              op: ">="
              value: 3.2
              unit: "%"
              quote: 研发投入强度达3.2%以上
            """,
            """
            - id: other-figure
              metric: rd_intensity
              op: ">="
              value: 3.3
              unit: "%"
              quote: 力争研发投入强度达3.2%
            """,
            """
            - id: neither
              metric: hitech_enterprises_added
              op: ">="
              value: 600
              stretch: 900
              unit: 家
              quote: 力争800家
            """,
            """
            - id: upper
              metric: rd_intensity
              op: between
              value: [3, 4]
              unit: "%"
              quote: 保持在3%至3.5%
            """,
        ),
    )
    write("sources/test.txt", SOURCE)
    assert lint_sources_of(path.parent, path.parent.parent / "sources", catalog) == [
        "a.yaml:14:12: error[quote-missing]: the quote is not in test.txt (whitespace and "
        "romanisation aside)",
        "a.yaml:20:12: error[figure-missing]: the quote does not state the target's figure 3.3 %",
        "a.yaml:27:12: error[figure-missing]: the quote states neither the target's figure "
        "600 家 nor its stretch value 900",
        "a.yaml:33:12: error[figure-missing]: the quote does not state the target's figure 4 %",
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "missing.txt",
            "error[source-missing]: source 'missing.txt' is not in {sources}",
        ),
        (
            "../t/a.yaml",
            "error[source-missing]: source '../t/a.yaml' must be the name of a file in the "
            "sources directory",
        ),
        (
            "binary.txt",
            "error[source-unreadable]: cannot read source 'binary.txt': the file is binary "
            "(it holds NUL bytes), not text",
        ),
        (
            "test.pdf",
            "error[source-unreadable]: cannot read source 'test.pdf': '.pdf' is not a kind of "
            "plan document pcheck reads (.docx, .htm, .html, .txt)",
        ),
    ],
)
def test_a_source_that_cannot_be_read_is_an_error_at_its_name(
    write: Write, catalog: Catalog, source: str, expected: str
) -> None:
    path = write("t/a.yaml", target_file(*GOOD).replace("test.txt", source))
    sources = path.parent.parent / "sources"
    write("sources/binary.txt", "x\0y")
    write("sources/test.pdf", SOURCE)
    found = lint_sources_of(path.parent, sources, catalog)
    assert found == ["a.yaml:5:11: " + expected.format(sources=sources)]


def test_without_sources_lint_does_not_look_for_them(write: Write, catalog: Catalog) -> None:
    from pcheck.app import Selection, lint_directory

    path = write("t/a.yaml", target_file(*GOOD).replace("test.txt", "missing.txt"))
    assert lint_directory(Selection(path.parent), strict=True).problems == ()
    found = lint_directory(Selection(path.parent), strict=True, sources=path.parent)
    assert [p.code for p in found.problems] == ["source-missing"]
    assert found.exit_code == 1
