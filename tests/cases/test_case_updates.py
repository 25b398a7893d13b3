"""Case updates through the real ingest: one per status change, a repeated status included."""

from __future__ import annotations

import json

from support.pages import article_html, page

from crawler.archive.store import Store
from crawler.config import build_config
from crawler.ingest import Ingestor

BASE = "https://news.example.org"
WHO = "a teacher named Samer Adib Kanaan, aged 34, from Douma city in Rif Dimashq,"
REPORTS = [
    ("2024/01/12/arrest", "Regime forces arrest a teacher in Douma",
     [f"Regime security forces arrested {WHO} at a checkpoint on January 10, 2024.",
      "His family said he was taken to an unknown place."]),
    ("2024/05/03/release", "Teacher released from regime detention",
     [f"The Syrian regime released {WHO} on May 2, 2024, after four months in detention.",
      "He had been arrested at a checkpoint in January 2024."]),
    ("2024/09/03/arrest-again", "Teacher arrested again in Douma",
     [f"Regime security forces arrested {WHO} during a raid on September 1, 2024.",
      "His relatives said they fear for his health."]),
    ("2024/12/21/released-again", "Teacher freed again",
     [f"The Syrian regime released {WHO} on December 20, 2024, after a second detention.",
      "He had been arrested during a raid in September 2024."]),
]


def test_a_person_released_and_arrested_again_is_news_each_time(tmp_path) -> None:
    config = build_config({
        "sources": [{"name": "test", "spider": "feed", "url": f"{BASE}/feed/"}],
        "channels": [{"name": "family", "url": "console://", "cases": True}],
    }, path=None)
    with Store.open(tmp_path / "raqib.db") as store:
        ingestor = Ingestor(store, config)
        for path, title, paragraphs in REPORTS:
            ingestor.ingest(page(f"{BASE}/{path}/", article_html(title, paragraphs)))
        updates = [row["payload"] for row in store.query(
            "SELECT payload FROM alerts WHERE kind = 'case' ORDER BY id")]
        assert store.scalar("SELECT count(*) FROM cases") == 1
    statuses = [json.loads(p)["status"] for p in updates]
    assert statuses == ["released", "arrested", "released"]
