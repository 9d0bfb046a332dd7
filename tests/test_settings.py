"""Settings come from defaults, a TOML file and TIMELINE_* variables, in that order."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.settings import DEFAULT_DATABASE_URL, Settings, SettingsError, load_settings


def test_defaults_without_environment() -> None:
    assert load_settings({}) == Settings()
    assert load_settings({}).database_url == DEFAULT_DATABASE_URL == "sqlite:///./timeline.db"


def test_environment_overrides_file(tmp_path: Path) -> None:
    config = tmp_path / "timeline.toml"
    config.write_text('[timeline]\ndatabase_url = "sqlite:///from-file.db"\npoll_interval = 1.5\n')
    from_file = load_settings({"TIMELINE_CONFIG": str(config)})
    assert from_file.database_url == "sqlite:///from-file.db"
    assert from_file.poll_interval == 1.5
    env = {"TIMELINE_CONFIG": str(config), "TIMELINE_DATABASE_URL": "sqlite:///env.db"}
    assert load_settings(env).database_url == "sqlite:///env.db"


def test_settings_are_frozen() -> None:
    with pytest.raises(AttributeError):
        Settings().database_url = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("database_url = 3\n", "TIMELINE_DATABASE_URL"),
        ('databse_url = "x"\n', "unknown setting 'databse_url'"),
        ("database_url = \n", "not valid TOML"),
    ],
)
def test_bad_file_names_the_setting(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(content)
    with pytest.raises(SettingsError, match=message):
        load_settings({}, config_file=config)


def test_missing_file_and_bad_variable(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="TIMELINE_CONFIG: cannot read"):
        load_settings({"TIMELINE_CONFIG": str(tmp_path / "missing.toml")})
    with pytest.raises(SettingsError, match="TIMELINE_POLL_INTERVAL"):
        load_settings({"TIMELINE_POLL_INTERVAL": "often"})
