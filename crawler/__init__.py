"""raqib: a news-monitoring crawler and alerting daemon for Syrian human-rights reports."""

__version__ = "0.1.0"
