"""Every problem of target files and their catalog in one run: nothing dropped in
silence, no stage hiding the next."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import target_file
from pcheck import app
from pcheck.errors import TargetFileError
from pcheck.messages import line

GOOD = '{{id: {id}, metric: rd_intensity, op: ">=", value: 3, unit: "%", quote: q}}'
DEFECTS = {
    "unknown-key": '{{id: {id}, metric: rd_intensity, op: ">=", value: 3, unit: "%", vlaue: 1}}',
    "yaml-number": '{{id: {id}, metric: rd_intensity, op: ">=", value: 1e5, unit: "%", quote: q}}',
    "range": '{{id: {id}, metric: rd_intensity, op: ">=", value: 300, unit: "%", quote: q}}',
    "unit": '{{id: {id}, metric: rd_intensity, op: ">=", value: 3, unit: 家, quote: q}}',
    "no-metric": '{{id: {id}, metric: [], op: ">=", value: 3, unit: "%", quote: q}}',
    "null-metric": '{{id: {id}, metric: null, op: ">=", value: 3, unit: "%", quote: q}}',
    "self-reference": (
        '{{id: {id}, metric: rd_intensity, reference: rd_intensity, op: ">=", unit: "%", quote: q}}'
    ),
    "op": '{{id: {id}, metric: rd_intensity, op: "=>", value: 3, unit: "%", quote: q}}',
    "unknown-metric": '{{id: {id}, metric: rd_intensty, op: ">=", value: 3, unit: "%", quote: q}}',
    "tag": '{{id: {id}, metric: rd_intensity, op: ">=", value: !!float 3, unit: "%", quote: !x q}}',
    "missing-quote": '{{id: {id}, metric: rd_intensity, op: ">=", value: 3, unit: "%"}}',
}  # fmt: skip


def lint(directory: Path) -> tuple[list[str], int | None]:
    check = app.lint_directory(app.Selection(directory), strict=False)
    return [line(p) for p in check.problems], check.targets


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(st.lists(st.sampled_from([None, *DEFECTS]), min_size=1, max_size=8))
def test_every_defect_of_a_file_is_reported_in_one_run(
    tmp_path: Path, entries: list[str | None]
) -> None:
    directory = tmp_path / "targets"
    directory.mkdir(exist_ok=True)
    items = [
        "- " + (GOOD if kind is None else DEFECTS[kind]).format(id=f"t{n}")
        for n, kind in enumerate(entries)
    ]
    (directory / "a.yaml").write_text(target_file(*items), encoding="utf-8")
    found, checked = lint(directory)
    first_line = 9  # the target file's header takes eight lines
    lines_with_problems = {int(p.split(":")[1]) for p in found if ": error[" in p}
    for n, kind in enumerate(entries):
        assert (first_line + n in lines_with_problems) == (kind is not None), (kind, found)
    assert checked is not None and checked >= entries.count(None)


def test_duplicates_are_found_even_beside_other_errors(tmp_path: Path) -> None:
    directory = tmp_path / "targets"
    directory.mkdir()
    broken = DEFECTS["unit"].format(id="same")
    (directory / "a.yaml").write_text(target_file("- " + broken), encoding="utf-8")
    (directory / "b.yaml").write_text(target_file("- " + GOOD.format(id="same")))
    found, _ = lint(directory)
    assert any("duplicate-id" in p and "b.yaml" in p for p in found), found


def test_a_link_to_nothing_is_reported_not_passed_over(tmp_path: Path) -> None:
    directory = tmp_path / "targets"
    directory.mkdir()
    (directory / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    found, _ = lint(directory)
    assert any("gone.yaml" in p and "cannot read file" in p for p in found), found


def test_catalog_problems_do_not_hide_target_problems(tmp_path: Path) -> None:
    directory = tmp_path / "targets"
    (directory / "catalog").mkdir(parents=True)
    (directory / "catalog" / "regions.yaml").write_text(
        "regions:\n"
        '  - {code: "990001", name: 甲, parent: "990002"}\n'
        '  - {code: "990002", name: 乙, parent: "990001"}\n',
        encoding="utf-8",
    )
    (directory / "catalog" / "metrics.yaml").write_text(
        "metrics:\n"
        '  - {id: mine, name: 我的指标, unit: "%", kind: level, aliases: [RD_Intensity]}\n',
        encoding="utf-8",
    )
    (directory / "a.yaml").write_text(target_file("- " + DEFECTS["range"].format(id="a")))
    found, _ = lint(directory)
    assert any("within itself" in p for p in found), found
    assert any("already names metric rd_intensity" in p for p in found), found
    assert any("a.yaml" in p and "error[range]" in p for p in found), found
    # evaluate refuses the same directory, listing everything too
    try:
        app.load(app.Selection(directory))
    except TargetFileError as exc:
        listed = [line(p) for p in exc.problems]
    assert any("within itself" in p for p in listed) and any("error[range]" in p for p in listed)
