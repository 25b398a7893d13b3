"""Configuration: lookup order, ${VAR} expansion, defaults, and one clear line per mistake."""

from __future__ import annotations

import re
from datetime import timedelta
from importlib.resources import files
from pathlib import Path

import pytest

from alerts.transport import is_valid_url
from crawler.config import SETTINGS, load_config, parse_duration
from crawler.errors import ConfigError
from spiders.catalog import BUILTIN_SOURCES


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "raqib.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_defaults_when_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RAQIB_CONFIG", raising=False)
    config = load_config()
    assert config.path is None
    assert [s.name for s in config.sources] == [s["name"] for s in BUILTIN_SOURCES]
    assert config.store.path == tmp_path / "raqib.db"
    assert [(c.name, c.url, c.mode) for c in config.channels] == [
        ("console", "console://", "immediate")]


def test_lookup_order_env_then_local_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, '[store]\npath = "local.db"\n')
    other = tmp_path / "other.toml"
    other.write_text('[store]\npath = "env.db"\n', encoding="utf-8")
    monkeypatch.delenv("RAQIB_CONFIG", raising=False)
    assert load_config().store.path.name == "local.db"
    monkeypatch.setenv("RAQIB_CONFIG", str(other))
    assert load_config().store.path.name == "env.db"
    assert load_config(tmp_path / "raqib.toml").store.path.name == "local.db"


def test_store_path_is_relative_to_the_config_file(tmp_path):
    sub = tmp_path / "etc"
    sub.mkdir()
    path = sub / "raqib.toml"
    path.write_text('[store]\npath = "data.db"\n', encoding="utf-8")
    assert load_config(path).store.path == sub / "data.db"


def test_env_variables_are_expanded(tmp_path):
    path = write(tmp_path, """
[[sources]]
name = "feedy"
spider = "feed"
url = "${FEED_URL}"

[[channels]]
name = "desk"
url = "json://${HOOK_HOST}/hook"
mode = "digest"
labels = ["torture_death"]
""")
    config = load_config(path, environ={"FEED_URL": "http://127.0.0.1:9/feed",
                                        "HOOK_HOST": "127.0.0.1:8"},
                         url_validator=is_valid_url)
    assert config.sources[0].url == "http://127.0.0.1:9/feed"
    assert config.channels[0].url == "json://127.0.0.1:8/hook"
    assert config.channels[0].labels == ("torture_death",)


def test_durations_and_cron(tmp_path):
    path = write(tmp_path, """
[[sources]]
name = "a"
spider = "snhr"
every = "15m"
[[sources]]
name = "b"
spider = "sohr"
cron = "0 */2 * * *"
""")
    a, b = load_config(path).sources
    assert a.every == timedelta(minutes=15)
    assert a.url == "https://news.snhr.org/"  # the built-in default
    assert b.every is None
    assert b.cron == "0 */2 * * *"
    assert parse_duration("30s") == timedelta(seconds=30)
    assert parse_duration("1d") == timedelta(days=1)


BAD_CONFIGS = [
    ("unknown key", "[crawl]\ndownload_dealy = 1\n", "crawl.download_dealy", "unknown key"),
    ("unknown section", "[crawler]\nx = 1\n", "crawler", "unknown section"),
    ("wrong type", "[crawl]\ndownload_delay = \"fast\"\n", "crawl.download_delay",
     "not a number"),
    ("duplicate source", '[[sources]]\nname = "a"\nspider = "snhr"\n'
     '[[sources]]\nname = "a"\nspider = "sohr"\n', "sources[1].name", "duplicate name"),
    ("bad schedule", '[[sources]]\nname = "a"\nspider = "snhr"\nevery = "5 minutes"\n',
     "sources[0].every", "not a duration"),
    ("bad cron", '[[sources]]\nname = "a"\nspider = "snhr"\ncron = "0 */2 * *"\n',
     "sources[0].cron", "crontab"),
    ("unset variable", '[[channels]]\nname = "x"\nurl = "${RAQIB_TEST_UNSET_VAR}"\n',
     "channels[0].url", "RAQIB_TEST_UNSET_VAR is not set"),
    ("unparsable apprise url", '[[channels]]\nname = "x"\nurl = "nosuchscheme://host"\n',
     "channels[0].url", "apprise URL"),
    ("unknown spider", '[[sources]]\nname = "a"\nspider = "snhrr"\n', "sources[0].spider",
     "unknown spider"),
    ("feed without url", '[[sources]]\nname = "a"\nspider = "feed"\n', "sources[0].url",
     "is required"),
    ("unknown label", '[[channels]]\nname = "x"\nurl = "console://"\nlabels = ["torture"]\n',
     "channels[0].labels", "unknown label"),
    ("bad mode", '[[channels]]\nname = "x"\nurl = "console://"\nmode = "daily"\n',
     "channels[0].mode", "not a mode"),
    ("bad time zone", '[digest]\ntimezone = "Damascus"\n', "digest.timezone", "time zone"),
    ("bad time", '[digest]\nat = "7am"\n', "digest.at", "HH:MM"),
    ("bad toml", "[crawl\n", "", "not valid TOML"),
]


@pytest.mark.parametrize(("case", "text", "key", "phrase"), BAD_CONFIGS,
                         ids=[case[0] for case in BAD_CONFIGS])
def test_bad_config_names_file_key_and_fix(tmp_path, monkeypatch, case, text, key, phrase):
    monkeypatch.delenv("RAQIB_TEST_UNSET_VAR", raising=False)
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, url_validator=is_valid_url)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert key in message
    assert phrase in message
    assert "\n" not in message


def test_missing_explicit_file(tmp_path):
    with pytest.raises(ConfigError, match="raqib init"):
        load_config(tmp_path / "nope.toml")


def test_starter_file_loads_and_names_every_setting():
    text = files("crawler").joinpath("starter.toml").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert re.search(rf"^#?\s*{setting.key}\s*=", text, re.MULTILINE), setting.name
    import tomllib

    from crawler.config import build_config

    config = build_config(tomllib.loads(text), path=Path("starter.toml"))
    from spiders.catalog import BUILTIN_SOURCES

    assert [s.name for s in config.sources] == [s["name"] for s in BUILTIN_SOURCES]
    for source, builtin in zip(config.sources, BUILTIN_SOURCES, strict=True):
        assert (source.spider, source.url, source.lang) == \
            (builtin["spider"], builtin["url"], builtin["lang"])


def test_channel_filters():
    from crawler.config import ChannelConfig

    desk = ChannelConfig(name="desk", url="console://", labels=("torture_death",),
                         langs=("ar",))
    assert desk.wants(labels=("torture_death", "arbitrary_arrest"), source="x", lang="ar")
    assert not desk.wants(labels=("arbitrary_arrest",), source="x", lang="ar")
    assert not desk.wants(labels=("torture_death",), source="x", lang="en")
    assert not ChannelConfig(name="all", url="console://").wants(labels=(), source="x",
                                                                  lang="en")


def test_secrets_are_collected_from_channel_urls(tmp_path):
    path = write(tmp_path, """
[[channels]]
name = "mail"
url = "mailto://monitor:CanarySecret123@example.com?to=desk@example.com"
[[channels]]
name = "hook"
url = "json://127.0.0.1:9/hooks/TOKENabcdef123456"
""")
    secrets = load_config(path, url_validator=is_valid_url).secrets()
    assert "CanarySecret123" in secrets
    assert "TOKENabcdef123456" in secrets
