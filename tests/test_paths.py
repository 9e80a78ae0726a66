"""The path of a goal due years ahead: where it runs, and how a figure reads on it."""

from contextlib import AbstractContextManager
from decimal import Context, Decimal, localcontext

from hypothesis import given
from hypothesis import strategies as st

from pcheck import paths
from pcheck.model import Method, Outlook, Period
from pcheck.paths import Path
from pcheck.units import ARITHMETIC

D = Decimal
METHODS = st.sampled_from(list(Method))
POSITIVE = st.decimals(min_value=D("0.01"), max_value=D(100000), places=2)


@st.composite
def courses(draw: st.DrawFn) -> Path:
    """A path from a baseline year over 1–10 years, through 0–3 milestones."""
    start = draw(st.integers(min_value=2000, max_value=2030))
    length = draw(st.integers(min_value=1, max_value=10))
    inside = st.integers(min_value=start + 1, max_value=start + length - 1)
    years = sorted(draw(st.sets(inside, max_size=3))) if length > 1 else []
    values = draw(st.lists(POSITIVE, min_size=len(years) + 2, max_size=len(years) + 2))
    points = tuple(zip([start, *years, start + length], values, strict=True))
    return Path(points, draw(METHODS))


def precise() -> AbstractContextManager[Context]:
    """The engine's arithmetic (:data:`pcheck.units.ARITHMETIC`)."""
    return localcontext(ARITHMETIC)


@given(courses())
def test_the_path_passes_through_every_point_exactly(path: Path) -> None:
    with precise():
        for year, value in path.points:
            assert path.in_year(year) == value
        assert path.at(0) == path.base
        assert path.at(path.length) == path.goal


@given(courses())
def test_both_methods_agree_at_both_ends(path: Path) -> None:
    with precise():
        other = Path(path.points, Method.GROWTH if path.method is Method.LINEAR else Method.LINEAR)
        assert other.at(0) == path.at(0)
        assert other.at(path.length) == path.at(path.length)


@given(courses(), st.data())
def test_between_two_points_the_path_stays_between_them(path: Path, data: st.DataObject) -> None:
    months = data.draw(st.integers(min_value=0, max_value=path.length))
    with precise():
        value = path.at(months)
    low, high = min(v for _, v in path.points), max(v for _, v in path.points)
    assert low <= value <= high


def test_a_linear_path_takes_the_same_step_every_month() -> None:
    path = Path(((2022, D(3)), (2027, D("3.6"))), Method.LINEAR)
    with precise():
        assert path.in_year(2024) == D("3.24")
        assert path.at(30) == D("3.3")  # the middle
        assert path.at(-12) == D(3) and path.at(99) == D("3.6")  # held beyond the ends


def test_a_growth_path_grows_at_one_rate() -> None:
    path = Path(((2020, D(100)), (2022, D(121))), Method.GROWTH)
    with precise():
        assert path.in_year(2021) == D(110)
        assert abs(path.at(6) - D(100) * D("1.1").sqrt()) < D("1e-70")


@given(courses(), st.data())
def test_a_figure_on_the_path_is_on_pace_and_projects_to_the_goal(
    path: Path, data: st.DataObject
) -> None:
    points = Path((path.points[0], path.points[-1]), path.method)  # no milestones
    months = data.draw(st.integers(min_value=1, max_value=points.length - 1 or 1))
    with precise():
        value = points.at(months)
        pace = paths.pace(points, months, value)
        projected = paths.projection(points, months, value)
    if points.goal != points.base and months < points.length:
        assert pace is not None and abs(pace - 1) < D("1e-20")
        assert projected is not None and abs(projected - points.goal) < D("1e-20") * points.goal


@given(courses(), st.data())
def test_more_progress_is_never_a_slower_pace(path: Path, data: st.DataObject) -> None:
    months = data.draw(st.integers(min_value=1, max_value=path.length))
    low, high = sorted(data.draw(st.lists(POSITIVE, min_size=2, max_size=2)))
    with precise():
        slow, fast = paths.pace(path, months, low), paths.pace(path, months, high)
    if slow is not None and fast is not None:
        due_up = path.at(months) > path.base
        assert (slow <= fast) if due_up else (slow >= fast)


def test_the_worked_example_linear() -> None:
    """Baseline 3.0% in 2022, goal 3.6% in 2027, 3.18% in 2024 (README)."""
    path = Path(((2022, D(3)), (2027, D("3.6"))), Method.LINEAR)
    months = paths.months_after(2022, Period(2024, 12))
    with precise():
        assert months == 24
        assert path.at(months) == D("3.24")
        assert paths.pace(path, months, D("3.18")) == D("0.75")
        assert paths.projection(path, months, D("3.18")) == D("3.45")
        assert paths.needed_per_year(path, months, D("3.18")) == D("0.14")
        needed = paths.needed_growth(path, months, D("3.18"))
    assert needed is not None and round(needed, 6) == D("0.042218")
    assert paths.outlook(False, D("0.75"), on_path=False) is Outlook.BEHIND


def test_the_worked_example_constant_growth() -> None:
    path = Path(((2022, D(3)), (2027, D("3.6"))), Method.GROWTH)
    with precise():
        expected = path.at(24)
        pace = paths.pace(path, 24, D("3.18"))
        projected = paths.projection(path, 24, D("3.18"))
    assert round(expected, 4) == D("3.2270")  # 3.0 × 1.2^(2/5)
    assert pace is not None and round(pace, 3) == D("0.796")  # 2.956% / 3.714% a year
    assert projected is not None and round(projected, 4) == D("3.4705")  # 3.0 × 1.06^(5/2)


def test_outlook_thresholds() -> None:
    assert paths.outlook(True, D("0.1"), on_path=False) is Outlook.ACHIEVED
    assert paths.outlook(False, D("1.05"), on_path=True) is Outlook.AHEAD
    assert paths.outlook(False, D("1.049"), on_path=True) is Outlook.ON_TRACK
    assert paths.outlook(False, D("0.95"), on_path=False) is Outlook.ON_TRACK
    assert paths.outlook(False, D("0.949"), on_path=False) is Outlook.BEHIND
    assert paths.outlook(False, None, on_path=True) is Outlook.ON_TRACK
    assert paths.outlook(False, None, on_path=False) is Outlook.BEHIND


def test_nothing_is_read_where_it_cannot_be() -> None:
    path = Path(((2022, D(3)), (2027, D("3.6"))), Method.GROWTH)
    assert paths.pace(path, 0, D(3)) is None
    assert paths.average_growth(D(0), D(1), 12) is None  # no growth from zero
    # To zero is a fall of all of it: -100% a year, the pace below nought.
    assert paths.average_growth(D(3), D(0), 12) == -1
    pace = paths.pace(path, 12, D(0))
    assert pace is not None and pace < 0
    assert paths.projection(path, 12, D(0)) == 0
    assert paths.projection(path, 12, D(-1)) is None
    assert paths.needed_growth(path, path.length, D(3)) is None  # nothing left
    flat = Path(((2022, D(3)), (2027, D(3))), Method.LINEAR)
    assert paths.pace(flat, 12, D(4)) is None  # no progress due
    dip = Path(((2022, D("3.11")), (2023, D("3.1")), (2027, D("3.4"))), Method.LINEAR)
    assert paths.pace(dip, 12, D("3.2")) is None  # the path falls back before it rises
