"""Configuration: one TOML file → frozen dataclasses.

Lookup order: ``--config PATH``, else ``$RAQIB_CONFIG``, else ``./raqib.toml``, else the
built-in defaults (every built-in source, store ``./raqib.db``, alerts printed to the
console). ``${VAR}`` inside any string is replaced from the environment.

``SETTINGS`` is the one catalogue of keys (name, type, default, help): validation, the
starter file written by ``raqib init`` and the README are all checked against it.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crawler.errors import ConfigError
from crawler.models import LABELS, LANGS
from spiders.catalog import BUILTIN_SOURCES, SPIDER_DEFAULTS, SPIDER_NAMES

ENV_VAR = "RAQIB_CONFIG"
DEFAULT_FILE = "raqib.toml"
CONSOLE_URL = "console://"


@dataclass(frozen=True)
class Setting:
    """One configuration key: where it lives, its type, default and meaning."""

    section: str  # "store", "crawl", "digest", "alerts", "sources[]", "channels[]"
    key: str
    kind: str  # str | float | int | bool | duration | list | path | time | timezone | cron
    default: Any
    help: str
    required: bool = False
    bounds: tuple[float, float] | None = None  # inclusive range of an int or float

    @property
    def name(self) -> str:
        return f"{self.section}.{self.key}"


SETTINGS: tuple[Setting, ...] = (
    Setting("store", "path", "path", "raqib.db", "SQLite file; relative to the config file"),
    Setting("crawl", "user_agent", "str", "raqib/0.1 (+https://github.com/raqib-project/raqib)",
            "User-Agent sent to every site; put a contact URL or address in it"),
    Setting("crawl", "download_delay", "float", 1.0, "seconds between requests to one host"),
    Setting("crawl", "obey_robots", "bool", True, "obey robots.txt"),
    Setting("crawl", "timeout", "duration", "30s", "time limit for one HTTP request",
            bounds=(1, 3600)),
    Setting("crawl", "max_page_mb", "float", 20.0, "largest response body accepted, in MB",
            bounds=(0.01, 1024)),
    Setting("crawl", "run_timeout", "duration", "30m", "hard time limit for one source's run",
            bounds=(1, 7 * 86400)),
    Setting("crawl", "max_pages", "int", 200, "most article pages fetched per source per run",
            bounds=(1, 1_000_000)),
    Setting("crawl", "max_memory_mb", "int", 1024,
            "memory one source's crawl process may use, in MB (enforced by the kernel)",
            bounds=(512, 65536)),
    Setting("crawl", "recheck_every", "duration", "1d",
            "how often known articles are re-fetched (conditionally) to catch edits and removals"),
    Setting("crawl", "recheck_window", "duration", "30d",
            "... for articles first seen within this window"),
    Setting("digest", "at", "time", "07:00", "local time the daily digest is sent (HH:MM)"),
    Setting("digest", "timezone", "timezone", "Asia/Damascus", "time zone of digest.at"),
    Setting("digest", "send_empty", "bool", False,
            "send a 'nothing new' digest when there is nothing to report"),
    Setting("alerts", "retry_every", "duration", "1m", "first retry delay of a failed alert; "
            "doubles up to 12h"),
    Setting("alerts", "max_attempts", "int", 8, "attempts before an alert is marked failed",
            bounds=(1, 1000)),
    Setting("alerts", "content_note", "bool", True,
            "prefix messages about torture with a content note"),
    Setting("sources[]", "name", "str", None, "unique name, [a-z0-9-]+", required=True),
    Setting("sources[]", "spider", "str", None,
            "a built-in spider (snhr, sohr, alkarama, horrya) or feed / wordpress / sitemap / "
            "telegram",
            required=True),
    Setting("sources[]", "url", "str", None,
            "base or feed URL; optional for built-in spiders (their default)"),
    Setting("sources[]", "lang", "str", None, "en | ar | fr; optional where the spider knows"),
    Setting("sources[]", "every", "duration", "1h", "crawl interval: 30s, 15m, 1h, 1d ..."),
    Setting("sources[]", "cron", "cron", None,
            "crawl schedule as a crontab line, instead of every"),
    Setting("sources[]", "expect_every", "duration", "7d",
            "health: warn when no new article for this long"),
    Setting("sources[]", "enabled", "bool", True, "crawl this source"),
    Setting("sources[]", "aliases", "list", [], "other host names of the same site"),
    Setting("sources[]", "keep", "list", [],
            "sitemap spider: regular expressions; only matching URLs are kept"),
    Setting("channels[]", "name", "str", None, "unique channel name", required=True),
    Setting("channels[]", "url", "str", None,
            "any apprise URL (mailto://, json://, tgram://, slack://, ...) or console://",
            required=True),
    Setting("channels[]", "mode", "str", "immediate", "immediate | digest"),
    Setting("channels[]", "labels", "list", [], "labels wanted; empty = any label"),
    Setting("channels[]", "sources", "list", [], "sources wanted; empty = all sources"),
    Setting("channels[]", "langs", "list", [], "languages wanted; empty = all languages"),
    Setting("channels[]", "health", "bool", False, "also receive source-health alerts"),
    Setting("channels[]", "removals", "bool", False,
            "also be told when an archived article disappears from its source"),
    Setting("channels[]", "cases", "bool", False,
            "also be told when a new report changes a case's status (arrested, disappeared, "
            "died, released), with the case's timeline"),
    Setting("channels[]", "max_per_hour", "int", 30,
            "immediate alerts per hour; more are folded into one 'and N more' message"),
)

_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DURATION_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
_DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
MAX_DURATION_SECONDS = 3650 * 86400
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_VAR_RE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class StoreConfig:
    path: Path


@dataclass(frozen=True)
class CrawlConfig:
    user_agent: str
    download_delay: float
    obey_robots: bool
    timeout: timedelta
    max_page_mb: float
    run_timeout: timedelta
    max_pages: int
    max_memory_mb: int
    recheck_every: timedelta
    recheck_window: timedelta


@dataclass(frozen=True)
class DigestConfig:
    at: str
    timezone: str
    send_empty: bool


@dataclass(frozen=True)
class AlertsConfig:
    retry_every: timedelta
    max_attempts: int
    content_note: bool


@dataclass(frozen=True)
class SourceConfig:
    name: str
    spider: str
    url: str
    lang: str | None = None
    every: timedelta | None = timedelta(hours=1)
    cron: str | None = None
    expect_every: timedelta = timedelta(days=7)
    enabled: bool = True
    aliases: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChannelConfig:
    name: str
    url: str = field(repr=False)  # holds secrets: never logged, stored or exported
    mode: str = "immediate"
    labels: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    health: bool = False
    removals: bool = False
    cases: bool = False
    max_per_hour: int = 30

    def wants(self, *, labels: tuple[str, ...], source: str, lang: str | None) -> bool:
        """Whether an article with these labels, source and language belongs on this channel."""
        if not labels:
            return False
        if self.labels and not set(labels) & set(self.labels):
            return False
        if self.sources and source not in self.sources:
            return False
        return not (self.langs and (lang or "") not in self.langs)


@dataclass(frozen=True)
class Config:
    path: Path | None  # None: built-in defaults
    store: StoreConfig
    crawl: CrawlConfig
    digest: DigestConfig
    alerts: AlertsConfig
    sources: tuple[SourceConfig, ...]
    channels: tuple[ChannelConfig, ...]

    def source(self, name: str) -> SourceConfig:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none"
        raise ConfigError(f"no source named {name!r}; configured sources: {known}",
                          path=str(self.path or "built-in defaults"))

    def channel(self, name: str) -> ChannelConfig:
        for channel in self.channels:
            if channel.name == name:
                return channel
        known = ", ".join(c.name for c in self.channels) or "none"
        raise ConfigError(f"no channel named {name!r}; configured channels: {known}",
                          path=str(self.path or "built-in defaults"))

    def secrets(self) -> list[str]:
        """Every secret-looking part of the channel URLs, for the log redaction filter."""
        found: list[str] = []
        for channel in self.channels:
            found.extend(secrets_in_url(channel.url))
        return found


def parse_duration(value: str) -> timedelta:
    """'30s', '15m', '1h', '1d', '2w' → timedelta. Raises ValueError."""
    match = _DURATION_RE.match(str(value))
    if not match:
        raise ValueError(f"{value!r} is not a duration; use a number and a unit: 30s, 15m, 1h, 1d")
    amount, unit = float(match.group(1)), match.group(2)
    seconds = amount * _DURATION_UNITS[unit]
    if seconds > MAX_DURATION_SECONDS:
        raise ValueError(f"{value!r} is too long; use at most 3650d (ten years)")
    if seconds <= 0:
        raise ValueError(f"{value!r} must be longer than zero")
    return timedelta(seconds=seconds)


def format_duration(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0 and seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


# apprise URL query keys whose values are settings, never secrets; every other value
# (tokens, keys, signatures, ``+header``, ``-``/``:`` payload parameters) is treated as one.
HARMLESS_QUERY_KEYS = frozenset({
    "format", "overflow", "verify", "cto", "rto", "method", "mode", "emojis", "tz", "store",
    "image", "priority", "lang", "from", "to", "cc", "bcc", "name", "smtp", "port",
})
TOKEN_HOST_SCHEMES = frozenset({"tgram", "slack", "discord", "msteams", "pushover", "ntfy"})
_AUTH_WORDS = frozenset({"bearer", "basic", "token", "digest"})
MIN_PATH_SECRET = 6


def secrets_in_url(url: str) -> list[str]:
    """Passwords, tokens and path keys inside an apprise URL (best effort, generous), each
    as written and percent-decoded, for masking in logs and error messages. A header
    value such as ``Bearer <token>`` also yields the token alone."""
    from urllib.parse import parse_qsl, unquote, urlsplit

    found: list[str] = []
    try:
        parts = urlsplit(url)
    except ValueError:
        return [url] if url else []
    if parts.password:
        found.extend({parts.password, unquote(parts.password)})
    if parts.username and parts.scheme not in ("mailto", "mailtos"):
        found.append(parts.username)
    for segment in parts.path.split("/"):
        if len(unquote(segment)) >= MIN_PATH_SECRET:
            found.extend({segment, unquote(segment)})
    for raw in parts.query.split("&"):
        key, _, value = raw.partition("=")
        if not value or key.lower() in HARMLESS_QUERY_KEYS:
            continue
        decoded = parse_qsl(raw, keep_blank_values=True)
        plain = decoded[0][1] if decoded else unquote(value)
        found.extend({value, plain, unquote(value)})
        found.extend(word for word in plain.split()
                     if word.lower() not in _AUTH_WORDS and len(word) >= 4)
    if parts.scheme in TOKEN_HOST_SCHEMES:
        if parts.hostname and len(parts.hostname) >= 8:
            found.append(parts.hostname)
    return [s for s in dict.fromkeys(found) if s]


def find_config_file(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The config file to use by the lookup order, or None for the built-in defaults."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError("no such file; give an existing file to --config or run "
                              "`raqib init` to write one", path=str(path))
        return path
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        path = Path(from_env)
        if not path.is_file():
            raise ConfigError(f"${ENV_VAR} names a file that does not exist; fix or unset it",
                              path=str(path))
        return path
    local = Path(DEFAULT_FILE)
    return local if local.is_file() else None


def load_config(
    explicit: str | os.PathLike[str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    url_validator: Callable[[str], bool] | None = None,
) -> Config:
    """Find, read and validate the configuration. Raises ConfigError with file and key."""
    path = find_config_file(explicit)
    if path is None:
        return build_config({}, path=None, environ=environ, url_validator=url_validator)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc}); fix the syntax at that line",
                          path=str(path)) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text; save the file as UTF-8", path=str(path)) from None
    return build_config(raw, path=path, environ=environ, url_validator=url_validator)


def build_config(
    raw: Mapping[str, Any],
    *,
    path: Path | None,
    environ: Mapping[str, str] | None = None,
    url_validator: Callable[[str], bool] | None = None,
) -> Config:
    """Validate a parsed TOML mapping into a Config."""
    where = str(path) if path else "built-in defaults"
    env = os.environ if environ is None else environ
    expanded = _expand(raw, env, where, "")
    sections = {s.section for s in SETTINGS} | {"sources", "channels"}
    for key in expanded:
        if key not in sections and f"{key}[]" not in sections:
            known = ", ".join(sorted({s.split("[")[0] for s in sections}))
            raise ConfigError(f"unknown section; known sections: {known}", path=where, key=key)

    base = path.parent if path else Path.cwd()
    store = _section(expanded, "store", where)
    store_path = Path(store["path"]).expanduser()
    crawl = _section(expanded, "crawl", where)
    digest = _section(expanded, "digest", where)
    alerts = _section(expanded, "alerts", where)

    raw_sources = expanded.get("sources")
    if raw_sources is None:
        raw_sources = [dict(s) for s in BUILTIN_SOURCES]
    if not isinstance(raw_sources, list):
        raise ConfigError("must be an array of tables: write [[sources]]", path=where,
                          key="sources")
    sources = tuple(_source(item, i, where) for i, item in enumerate(raw_sources))
    _unique([s.name for s in sources], "sources", where)

    raw_channels = expanded.get("channels")
    if raw_channels is None:
        raw_channels = [{"name": "console", "url": CONSOLE_URL}]
    if not isinstance(raw_channels, list):
        raise ConfigError("must be an array of tables: write [[channels]]", path=where,
                          key="channels")
    channels = tuple(
        _channel(item, i, where, url_validator, {s.name for s in sources})
        for i, item in enumerate(raw_channels)
    )
    _unique([c.name for c in channels], "channels", where)

    return Config(
        path=path,
        store=StoreConfig(path=store_path if store_path.is_absolute() else base / store_path),
        crawl=CrawlConfig(**crawl),
        digest=DigestConfig(**digest),
        alerts=AlertsConfig(**alerts),
        sources=sources,
        channels=channels,
    )


def _expand(value: Any, env: Mapping[str, str], where: str, key: str) -> Any:
    if isinstance(value, str):
        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in env:
                raise ConfigError(f"environment variable {name} is not set; export it or "
                                  "write the value in the file", path=where, key=key)
            return env[name]
        return _VAR_RE.sub(substitute, value)
    if isinstance(value, dict):
        return {k: _expand(v, env, where, f"{key}.{k}" if key else k) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v, env, where, f"{key}[{i}]") for i, v in enumerate(value)]
    return value


def _settings_of(section: str) -> dict[str, Setting]:
    return {s.key: s for s in SETTINGS if s.section == section}


def _section(raw: Mapping[str, Any], section: str, where: str) -> dict[str, Any]:
    table = raw.get(section, {})
    if not isinstance(table, dict):
        raise ConfigError(f"must be a table: write [{section}]", path=where, key=section)
    return _validate_table(table, _settings_of(section), where, section)


def _validate_table(
    table: Mapping[str, Any], settings: dict[str, Setting], where: str, prefix: str
) -> dict[str, Any]:
    for key in table:
        if key not in settings:
            known = ", ".join(settings)
            raise ConfigError(f"unknown key; known keys here: {known}", path=where,
                              key=f"{prefix}.{key}")
    result: dict[str, Any] = {}
    for key, setting in settings.items():
        full = f"{prefix}.{key}"
        if key not in table:
            if setting.required:
                raise ConfigError(f"is required: {setting.help}", path=where, key=full)
            default = setting.default
            result[key] = _coerce(setting, default, where, full) if default is not None else None
        else:
            result[key] = _coerce(setting, table[key], where, full)
    return result


def _coerce(setting: Setting, value: Any, where: str, key: str) -> Any:
    kind = setting.kind

    def fail(expected: str) -> ConfigError:
        return ConfigError(f"{value!r} is not {expected}; {setting.help}", path=where, key=key)

    if kind in ("str", "path", "cron"):
        if not isinstance(value, str):
            raise fail("a string")
        if kind == "cron":
            from apscheduler.triggers.cron import CronTrigger

            try:
                CronTrigger.from_crontab(value)
            except ValueError as exc:
                raise ConfigError(f"{value!r} is not a crontab line ({exc}); write five fields "
                                  "like \"0 */2 * * *\"", path=where, key=key) from None
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise fail("true or false")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise fail("a whole number ≥ 0")
        _check_bounds(setting, value, fail)
        return value
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise fail("a number ≥ 0")
        _check_bounds(setting, value, fail)
        return float(value)
    if kind == "duration":
        if not isinstance(value, str):
            raise fail("a duration string like \"30s\", \"15m\", \"1h\" or \"1d\"")
        try:
            duration = parse_duration(value)
        except ValueError as exc:
            raise ConfigError(str(exc), path=where, key=key) from None
        if setting.bounds is not None:
            low, high = setting.bounds
            if not low <= duration.total_seconds() <= high:
                raise fail(f"between {format_duration(timedelta(seconds=low))} and "
                           f"{format_duration(timedelta(seconds=high))}")
        return duration
    if kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail("a list of strings")
        return tuple(value)
    if kind == "time":
        if not isinstance(value, str) or not _TIME_RE.match(value):
            raise fail("a time of day as \"HH:MM\" (24-hour)")
        return value
    if kind == "timezone":
        try:
            ZoneInfo(str(value))
        except (ZoneInfoNotFoundError, ValueError):
            raise fail("a time zone name like \"Asia/Damascus\" or \"UTC\"") from None
        return value
    raise AssertionError(f"unhandled setting kind {kind}")


def _check_bounds(setting: Setting, value: float,
                  fail: Callable[[str], ConfigError]) -> None:
    if setting.bounds is None:
        return
    low, high = setting.bounds
    if not (math.isfinite(value) and low <= value <= high):
        raise fail(f"between {low:g} and {high:g}")


def _source(item: Any, index: int, where: str) -> SourceConfig:
    prefix = f"sources[{index}]"
    if not isinstance(item, dict):
        raise ConfigError("must be a table", path=where, key=prefix)
    values = _validate_table(item, _settings_of("sources[]"), where, prefix)
    name = values["name"]
    if not _NAME_RE.match(name):
        raise ConfigError(f"{name!r} is not a valid name; use lowercase letters, digits and -",
                          path=where, key=f"{prefix}.name")
    spider = values["spider"]
    if spider not in SPIDER_NAMES:
        raise ConfigError(f"unknown spider {spider!r}; use one of: {', '.join(SPIDER_NAMES)}",
                          path=where, key=f"{prefix}.spider")
    url = values["url"] or SPIDER_DEFAULTS.get(spider, {}).get("url")
    if not url:
        raise ConfigError(f"is required for the {spider!r} spider: give the site's URL",
                          path=where, key=f"{prefix}.url")
    if not re.match(r"^https?://[^/\s]+", url):
        raise ConfigError(f"{url!r} is not an http(s) URL", path=where, key=f"{prefix}.url")
    lang = values["lang"]
    if lang is not None and lang not in LANGS:
        raise ConfigError(f"{lang!r} is not a supported language; use one of: {', '.join(LANGS)}",
                          path=where, key=f"{prefix}.lang")
    if "every" in item and "cron" in item:
        raise ConfigError("give either every or cron, not both", path=where, key=prefix)
    aliases = values["aliases"] or tuple(SPIDER_DEFAULTS.get(spider, {}).get("aliases", ()))
    for pattern in values["keep"]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{pattern!r} is not a regular expression ({exc})", path=where,
                              key=f"{prefix}.keep") from None
    return SourceConfig(
        name=name,
        spider=spider,
        url=url,
        lang=lang,
        every=None if values["cron"] else values["every"],
        cron=values["cron"],
        expect_every=values["expect_every"],
        enabled=values["enabled"],
        aliases=tuple(aliases),
        keep=values["keep"],
    )


def _channel(
    item: Any,
    index: int,
    where: str,
    url_validator: Callable[[str], bool] | None,
    source_names: set[str],
) -> ChannelConfig:
    prefix = f"channels[{index}]"
    if not isinstance(item, dict):
        raise ConfigError("must be a table", path=where, key=prefix)
    values = _validate_table(item, _settings_of("channels[]"), where, prefix)
    if not _NAME_RE.match(values["name"]):
        raise ConfigError(f"{values['name']!r} is not a valid name; use lowercase letters, "
                          "digits and -", path=where, key=f"{prefix}.name")
    if values["mode"] not in ("immediate", "digest"):
        raise ConfigError(f"{values['mode']!r} is not a mode; use \"immediate\" or \"digest\"",
                          path=where, key=f"{prefix}.mode")
    for label in values["labels"]:
        if label not in LABELS:
            raise ConfigError(f"unknown label {label!r}; use any of: {', '.join(LABELS)}",
                              path=where, key=f"{prefix}.labels")
    for lang in values["langs"]:
        if lang not in LANGS:
            raise ConfigError(f"unknown language {lang!r}; use any of: {', '.join(LANGS)}",
                              path=where, key=f"{prefix}.langs")
    for source in values["sources"]:
        if source not in source_names:
            raise ConfigError(f"no source named {source!r}; configured sources: "
                              f"{', '.join(sorted(source_names))}", path=where,
                              key=f"{prefix}.sources")
    url = values["url"]
    if url != CONSOLE_URL and url_validator is not None and not url_validator(url):
        raise ConfigError("is not an apprise URL that can be loaded (check the scheme, host and "
                          "required parameters; see https://github.com/caronc/apprise/wiki)",
                          path=where, key=f"{prefix}.url")
    return ChannelConfig(**values)


def _unique(names: list[str], what: str, where: str) -> None:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            raise ConfigError(f"duplicate name {name!r}; every entry in {what} needs its own name",
                              path=where, key=f"{what}[{i}].name")
        seen.add(name)
