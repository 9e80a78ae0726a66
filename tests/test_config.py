from pathlib import Path

import pytest

from pcheck import cli
from pcheck.config import LANGUAGES, find_config, language, read_config
from pcheck.errors import PcheckError
from pcheck.layout import Kind
from pcheck.messages import CATALOGS


def test_pcheck_toml_and_tool_pcheck_are_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pcheck]\ntargets = "goals"\nformat = "json"\nlang = "en"\n'
        '[tool.pcheck.columns]\n"省份" = "region"\n"R&D强度" = "metric:rd_intensity"\n'
        '[tool.pcheck.data]\nperiod = "2024"\nlayout = "metrics in columns"\n',
        encoding="utf-8",
    )
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    config = find_config(inner)
    assert config is not None
    assert config.targets == tmp_path / "goals"
    assert (config.format, config.lang) == ("json", "en")
    assert dict(config.tables.columns) == {"省份": "region", "R&D强度": "metric:rd_intensity"}
    assert dict(config.tables.fixed) == {"period": "2024"}
    assert config.tables.layout is Kind.METRICS
    (tmp_path / "a" / "pcheck.toml").write_text('format = "html"\n', encoding="utf-8")
    nearer = find_config(inner)
    assert nearer is not None and nearer.format == "html" and nearer.targets is None


def test_the_search_stops_at_a_repository_root(tmp_path: Path) -> None:
    (tmp_path / "pcheck.toml").write_text('format = "json"\n', encoding="utf-8")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert find_config(tmp_path / "repo") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('formt = "json"\n', "config.key"),
        ('format = "pdf"\n', "config.choice"),
        ('lang = "xx"\n', "config.choice"),
        ("targets = 3\n", "config.targets"),
        ("columns = 3\n", "config.table"),
        ('[columns]\n"省份" = "place"\n', "config.column"),
        ('[columns]\n"省份" = "metric:"\n', "config.column"),
        ('[data]\nyear = "2024"\n', "config.key"),
        ('[data]\nlayout = "sideways"\n', "config.choice"),
        ("[data]\nregion = 330000\n", "config.table"),
        ("format = \n", "config.unreadable"),
    ],
)
def test_a_wrong_configuration_is_an_error_at_the_file(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "pcheck.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PcheckError) as caught:
        read_config(tmp_path)
    assert [p.message.id for p in caught.value.problems] == [message]
    assert caught.value.problems[0].location.path == str(tmp_path / "pcheck.toml")


def test_a_pyproject_without_tool_pcheck_is_no_configuration(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert read_config(tmp_path) is None


@pytest.mark.parametrize(
    ("chosen", "configured", "environ", "expected"),
    [
        ("en", "zh", {"LANG": "zh_CN.UTF-8"}, "en"),  # the option wins
        (None, "zh", {"LANG": "en_US.UTF-8"}, "zh"),  # then the configuration
        (None, "en", {"LC_ALL": "zh_CN.UTF-8"}, "en"),
        (None, None, {"LANG": "zh_TW.UTF-8"}, "zh"),  # then the locale
        (None, None, {"LANG": "de_DE.UTF-8"}, "en"),
        (None, None, {}, "en"),
    ],
)
def test_the_language_is_the_option_then_the_configuration_then_the_locale(
    tmp_path: Path,
    chosen: str | None,
    configured: str | None,
    environ: dict[str, str],
    expected: str,
) -> None:
    config = None
    if configured is not None:
        (tmp_path / "pcheck.toml").write_text(f'lang = "{configured}"\n', encoding="utf-8")
        config = read_config(tmp_path)
        assert config is not None and config.lang == configured
    assert language(chosen, config, environ) == expected


def test_every_language_of_the_configuration_has_a_catalog_and_an_option() -> None:
    assert set(LANGUAGES) == set(CATALOGS) == set(cli.LANGUAGES)
