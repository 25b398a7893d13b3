"""The store's schema, as an ordered list of migrations.

Never edit a migration that has shipped: add a new function at the end. An existing
store file is upgraded on open (``sqlite_utils.Migrations`` records what ran).

Tables (readable in Datasette):
    articles        one row per distinct article (canonical URL), current text, labels, facts
    versions        each distinct text of an article (append-only)
    captures        every fetched page as received: raw bytes (Zstandard; zlib in older
                    stores), SHA-256, HTTP status and headers, fetch time (append-only;
                    triggers refuse UPDATE and DELETE)
    duplicates      other URLs and re-published copies folded into an article
    labels          one row per (article, label), for filtering and facets
    fingerprints    content hash and MinHash signature per article
    lsh_index       MinHash LSH band keys of each article (FTS5), for near-duplicate lookup
    alerts          the outbox: one row per (channel, kind, key) with its delivery state
    digests         digests sent per channel
    runs            crawl runs per source: counts, message and details (problems, skips)
    source_health   health state per source
    http_cache      ETag / Last-Modified per URL for conditional requests
    search          folded title and text, and extra terms (stems, name parts, earlier
                    versions), indexed by FTS5 (search_fts)
    search_pending  search rows not indexed yet (indexed in batches)
    search_terms_stale  search rows of an upgraded store whose extra terms wait to be computed
    crawl_backfill_state   the saved cursor of an unfinished backfill per source and window;
                           under the empty window, the pages kept for the source's next run
    paragraph_shapes  how many distinct articles carry each paragraph shape (digits masked)
    stock_shapes    the shapes carried by several articles: stock paragraphs, masked in dedupe
    daemon          the running daemon's PID, heartbeat and next runs (one row)
    cases           one row per person across reports: names as written, status timeline
    case_mentions   each person an article names, with the context linking weighs
    case_mention_keys  name keys of each mention (blocking)
    case_decisions  reviewers' merges ('same') and splits ('different') of mentions
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("raqib")

APPEND_ONLY = ("captures", "versions")


@migrations()
def m001_core(db: Database) -> None:
    db.execute("""
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            lang TEXT,
            title TEXT NOT NULL,
            published TEXT,
            text TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            labels TEXT NOT NULL DEFAULT '[]',
            scores TEXT NOT NULL DEFAULT '{}',
            evidence TEXT NOT NULL DEFAULT '{}',
            facts TEXT NOT NULL DEFAULT '{}',
            governorate TEXT,
            perpetrator TEXT,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            last_checked TEXT,
            removed_at TEXT
        )""")
    db.execute("CREATE INDEX idx_articles_source ON articles(source)")
    db.execute("CREATE INDEX idx_articles_published ON articles(published)")
    db.execute("CREATE INDEX idx_articles_first_seen ON articles(first_seen)")
    db.execute("""
        CREATE TABLE versions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            text TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            published TEXT,
            labels TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            UNIQUE (article_id, version)
        )""")
    db.execute("""
        CREATE TABLE captures (
            id INTEGER PRIMARY KEY,
            article_id INTEGER REFERENCES articles(id),
            version_id INTEGER REFERENCES versions(id),
            kind TEXT NOT NULL,
            source TEXT NOT NULL,
            url TEXT NOT NULL,
            final_url TEXT NOT NULL,
            redirects TEXT NOT NULL DEFAULT '[]',
            status INTEGER NOT NULL,
            headers TEXT NOT NULL,
            request_headers TEXT NOT NULL DEFAULT '[]',
            fetched_at TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            raw BLOB NOT NULL,
            extractor TEXT,
            extracted TEXT
        )""")
    db.execute("CREATE INDEX idx_captures_article ON captures(article_id)")
    db.execute("CREATE INDEX idx_captures_url_sha ON captures(url, sha256)")
    for table in APPEND_ONLY:
        db.execute(f"""
            CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} are append-only evidence: they cannot be changed');
            END""")
        db.execute(f"""
            CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, '{table} are append-only evidence: they cannot be deleted');
            END""")
        # INSERT OR REPLACE deletes the old row first; this refuses it even on connections
        # where recursive_triggers is off (where the delete trigger would not fire).
        db.execute(f"""
            CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table}
            WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, '{table} are append-only evidence: they cannot be replaced');
            END""")
    db.execute("""
        CREATE TABLE duplicates (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            url TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            similarity REAL,
            capture_id INTEGER REFERENCES captures(id),
            found_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX idx_duplicates_article ON duplicates(article_id)")
    db.execute("""
        CREATE TABLE labels (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            label TEXT NOT NULL,
            score REAL NOT NULL,
            PRIMARY KEY (article_id, label)
        )""")
    db.execute("CREATE INDEX idx_labels_label ON labels(label)")
    db.execute("""
        CREATE TABLE fingerprints (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            content_hash TEXT NOT NULL,
            signature BLOB NOT NULL
        )""")
    db.execute("CREATE INDEX idx_fingerprints_hash ON fingerprints(content_hash)")
    db.execute("""
        CREATE TABLE lsh_bands (
            band_key TEXT NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            PRIMARY KEY (band_key, article_id)
        ) WITHOUT ROWID""")
    db.execute("""
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            mode TEXT NOT NULL,
            article_id INTEGER REFERENCES articles(id),
            labels TEXT NOT NULL DEFAULT '[]',
            payload TEXT NOT NULL DEFAULT '{}',
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error TEXT,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            digest_id INTEGER REFERENCES digests(id),
            UNIQUE (channel, kind, key)
        )""")
    db.execute("CREATE INDEX idx_alerts_due ON alerts(state, next_attempt_at)")
    db.execute("CREATE INDEX idx_alerts_article ON alerts(article_id)")
    db.execute("""
        CREATE TABLE digests (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            created_at TEXT NOT NULL,
            sent_at TEXT,
            items INTEGER NOT NULL
        )""")
    db.execute("""
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            mode TEXT NOT NULL DEFAULT 'crawl',
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL DEFAULT 'running',
            requests INTEGER NOT NULL DEFAULT 0,
            new_articles INTEGER NOT NULL DEFAULT 0,
            new_versions INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            extraction_failures INTEGER NOT NULL DEFAULT 0,
            message TEXT,
            pid INTEGER
        )""")
    db.execute("CREATE INDEX idx_runs_source ON runs(source, started_at)")
    db.execute("""
        CREATE TABLE source_health (
            source TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            since TEXT NOT NULL,
            last_new_article_at TEXT,
            detail TEXT
        )""")
    db.execute("""
        CREATE TABLE http_cache (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            status INTEGER,
            checked_at TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE search (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            title TEXT NOT NULL,
            text TEXT NOT NULL
        )""")
    db.table("search").enable_fts(["title", "text"], create_triggers=True,
                            tokenize="unicode61 remove_diacritics 2")


@migrations()
def m002_daemon_state(db: Database) -> None:
    """The daemon's single row: who runs, since when, its heartbeat and next run per job."""
    db.execute("""
        CREATE TABLE daemon (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            state TEXT NOT NULL,
            started_at TEXT NOT NULL,
            heartbeat_at TEXT NOT NULL,
            heartbeat_every REAL NOT NULL,
            stopped_at TEXT,
            config_path TEXT,
            version TEXT,
            jobs TEXT NOT NULL DEFAULT '{}'
        )""")


@migrations()
def m003_alerts_claims(db: Database) -> None:
    """Who is sending an alert and since when, so a dispatcher only takes back the alerts
    of a dead process (or of one that overran its lease), never a live dispatcher's."""
    db.execute("ALTER TABLE alerts ADD COLUMN claimed_by TEXT")
    db.execute("ALTER TABLE alerts ADD COLUMN claimed_at TEXT")


@migrations()
def m004_dedupe_paragraph_shapes(db: Database) -> None:
    """Paragraph shapes (digits masked, text folded) and how many distinct articles carry
    each: a shape shared by several different articles is a source's stock paragraph and is
    masked before near-duplicate comparison."""
    db.execute("""
        CREATE TABLE paragraph_shapes (
            shape TEXT PRIMARY KEY,
            articles INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX idx_paragraph_shapes_articles ON paragraph_shapes(articles)")
    db.execute("ALTER TABLE fingerprints ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


@migrations()
def m005_articles_probable(db: Database) -> None:
    """Labels whose evidence is hedged ("probably died due to torture", يرجح)."""
    db.execute("ALTER TABLE articles ADD COLUMN probable TEXT NOT NULL DEFAULT '[]'")


@migrations()
def m006_crawl_backfill_state(db: Database) -> None:
    """Where an unfinished backfill of a source and date window stands (the spider's JSON
    cursor: index positions and discovered, not yet stored articles), so a killed backfill
    resumes there instead of walking its index pages again. Cleared when it completes."""
    db.execute("""
        CREATE TABLE crawl_backfill_state (
            source TEXT NOT NULL,
            since TEXT NOT NULL DEFAULT '',
            until TEXT NOT NULL DEFAULT '',
            cursor TEXT NOT NULL,
            pages_done INTEGER NOT NULL DEFAULT 0,
            articles INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (source, since, until)
        ) WITHOUT ROWID""")


@migrations()
def m007_lsh_bands_by_article(db: Database) -> None:
    """Index LSH bands by article: replacing an article's bands (save_fingerprint) was a
    scan of the whole band table, which made every insert slower as the store grew."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_lsh_bands_article ON lsh_bands(article_id)")


# A shape carried by this many distinct articles is listed in stock_shapes. Store reads
# frequent shapes from that short list for any threshold at or above it.
STOCK_SHAPE_FLOOR = 2  # fixed by m008_stock_shapes: change it only in a new migration


@migrations()
def m008_stock_shapes(db: Database) -> None:
    """The shapes carried by at least STOCK_SHAPE_FLOOR articles, kept by a trigger, in place
    of the index on paragraph_shapes(articles): that index was a second b-tree written on
    every shape count (some ten per new article) to serve one rare read."""
    db.execute("""
        CREATE TABLE stock_shapes (
            shape TEXT PRIMARY KEY
        ) WITHOUT ROWID""")
    db.execute(f"""
        CREATE TRIGGER paragraph_shapes_stock AFTER UPDATE OF articles ON paragraph_shapes
        WHEN NEW.articles >= {STOCK_SHAPE_FLOOR} AND OLD.articles < {STOCK_SHAPE_FLOOR}
        BEGIN INSERT OR IGNORE INTO stock_shapes (shape) VALUES (NEW.shape); END""")
    db.execute(f"""
        CREATE TRIGGER paragraph_shapes_stock_new AFTER INSERT ON paragraph_shapes
        WHEN NEW.articles >= {STOCK_SHAPE_FLOOR}
        BEGIN INSERT OR IGNORE INTO stock_shapes (shape) VALUES (NEW.shape); END""")
    db.execute(f"INSERT INTO stock_shapes (shape) SELECT shape FROM paragraph_shapes "
               f"WHERE articles >= {STOCK_SHAPE_FLOOR}")
    db.execute("DROP INDEX IF EXISTS idx_paragraph_shapes_articles")


@migrations()
def m009_drop_unused_indexes(db: Database) -> None:
    """Indexes no query uses (the date filters compare coalesce(published, first_seen), the
    label filters go through the (article_id, label) key), each written on every insert."""
    for name in ("idx_articles_published", "idx_articles_first_seen", "idx_labels_label"):
        db.execute(f"DROP INDEX IF EXISTS {name}")


@migrations()
def m010_search_index_backlog(db: Database) -> None:
    """New search rows wait in search_pending and are indexed in batches
    (``Store.index_search_backlog``): indexing 500 texts in one statement costs FTS5 about a
    third of indexing them one by one, each insert merging its own small segment.

    The delete and update triggers skip a row still pending, since FTS5 must never be told to
    delete a row it does not hold; a pending row is indexed with whatever text it has then.
    """
    db.execute("CREATE TABLE search_pending (article_id INTEGER PRIMARY KEY)")
    for name in ("search_ai", "search_ad", "search_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute("""
        CREATE TRIGGER search_ai AFTER INSERT ON search BEGIN
            INSERT OR IGNORE INTO search_pending (article_id) VALUES (new.article_id);
        END""")
    db.execute("""
        CREATE TRIGGER search_ad AFTER DELETE ON search
        WHEN old.article_id NOT IN (SELECT article_id FROM search_pending) BEGIN
            INSERT INTO search_fts (search_fts, rowid, title, text)
            VALUES ('delete', old.article_id, old.title, old.text);
        END""")
    db.execute("""
        CREATE TRIGGER search_au AFTER UPDATE ON search
        WHEN old.article_id NOT IN (SELECT article_id FROM search_pending) BEGIN
            INSERT INTO search_fts (search_fts, rowid, title, text)
            VALUES ('delete', old.article_id, old.title, old.text);
            INSERT INTO search_fts (rowid, title, text)
            VALUES (new.article_id, new.title, new.text);
        END""")


@migrations()
def m011_lsh_index_fts(db: Database) -> None:
    """LSH bands move from a b-tree keyed by band (lsh_bands) to an FTS5 index of band tokens
    (lsh_index, one row per article). Every new article put 16 random keys into the b-tree,
    dirtying some 12 pages per article in a 100,000-article store; FTS5 appends new rows in
    segments and merges them in order. A band key ``NN:hex`` is the token ``bNNhex``."""
    db.execute("CREATE VIRTUAL TABLE lsh_index USING fts5(bands, detail=none, tokenize='ascii')")
    db.execute("""
        INSERT INTO lsh_index (rowid, bands)
        SELECT article_id, group_concat('b' || replace(band_key, ':', ''), ' ')
        FROM lsh_bands GROUP BY article_id""")
    db.execute("DROP TABLE lsh_bands")


@migrations()
def m012_runs_summary(db: Database) -> None:
    """Each run's per-source summary: known articles found unchanged, discovered items
    skipped (a ``file://`` link, an invalid port), and ``details`` (JSON: every problem of
    a degraded or failed run, skip reasons and counts) beside the one-line ``message``."""
    db.execute("ALTER TABLE runs ADD COLUMN unchanged INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE runs ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE runs ADD COLUMN details TEXT")


_SEARCH_TRIGGERS = (
    """CREATE TRIGGER search_ai AFTER INSERT ON search BEGIN
        INSERT OR IGNORE INTO search_pending (article_id) VALUES (new.article_id);
    END""",
    """CREATE TRIGGER search_ad AFTER DELETE ON search
    WHEN old.article_id NOT IN (SELECT article_id FROM search_pending) BEGIN
        INSERT INTO search_fts (search_fts, rowid, title, text, terms)
        VALUES ('delete', old.article_id, old.title, old.text, old.terms);
    END""",
    """CREATE TRIGGER search_au AFTER UPDATE ON search
    WHEN old.article_id NOT IN (SELECT article_id FROM search_pending) BEGIN
        INSERT INTO search_fts (search_fts, rowid, title, text, terms)
        VALUES ('delete', old.article_id, old.title, old.text, old.terms);
        INSERT INTO search_fts (rowid, title, text, terms)
        VALUES (new.article_id, new.title, new.text, new.terms);
    END""",
)


@migrations()
def m013_search_terms(db: Database) -> None:
    """A third indexed column, ``terms``: the forms of an article's words its folded text
    does not hold (Arabic words without clitics and article, the parts of hyphenated names,
    the words of every earlier version; see ``crawler.archive.search_terms``).

    FTS5 cannot add a column, so ``search_fts`` is rebuilt and every row waits in
    ``search_pending``. The terms of the articles already stored are listed in
    ``search_terms_stale`` and computed by the next ``Store.index_search_backlog`` (a search,
    a browse, the end of a crawl run), not here: computing them needs the classifier's
    folding (and numpy), which the daemon's parent process, which also opens and upgrades
    the store, does not load."""
    for name in ("search_ai", "search_ad", "search_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute("DROP TABLE IF EXISTS search_fts")
    db.execute("ALTER TABLE search ADD COLUMN terms TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE TABLE search_terms_stale (article_id INTEGER PRIMARY KEY)")
    db.execute("INSERT INTO search_terms_stale (article_id) SELECT article_id FROM search")
    db.execute("""CREATE VIRTUAL TABLE search_fts USING fts5(
        title, text, terms, content='search', content_rowid='article_id',
        tokenize='unicode61 remove_diacritics 2')""")
    for trigger in _SEARCH_TRIGGERS:
        db.execute(trigger)
    db.execute("DELETE FROM search_pending")
    db.execute("INSERT INTO search_pending (article_id) SELECT article_id FROM search")


@migrations()
def m014_articles_link(db: Database) -> None:
    """The article's address as published (its own canonical link, else the final URL it
    was fetched at), shown in alerts, exports, search and digests; ``url`` stays the
    normalised key for identity only (it drops a WordPress permalink's trailing slash, which
    answers 404 on sites that do not redirect). Stores from before learn the final URL of
    each article's latest capture."""
    db.execute("ALTER TABLE articles ADD COLUMN link TEXT")
    db.execute("""
        UPDATE articles SET link = (
            SELECT c.final_url FROM captures c
            WHERE c.article_id = articles.id AND c.kind = 'article' AND c.status = 200
            ORDER BY c.id DESC LIMIT 1)""")


@migrations()
def m015_cases(db: Database) -> None:
    """Cases: one row per person across reports (``crawler.cases``).

    ``case_mentions`` holds each person an article names (the victims facts) with the
    context the linker weighs; ``case_mention_keys`` its name keys, for blocking;
    ``cases`` the people, with every name as written and the status timeline;
    ``case_decisions`` the reviewers' merges and splits, which every relinking honours."""
    db.execute("""
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            names TEXT NOT NULL DEFAULT '[]',
            status TEXT,
            status_date TEXT,
            timeline TEXT NOT NULL DEFAULT '[]',
            reports INTEGER NOT NULL DEFAULT 0,
            sources TEXT NOT NULL DEFAULT '[]',
            governorate TEXT,
            updated_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX idx_cases_status ON cases(status)")
    db.execute("""
        CREATE TABLE case_mentions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            name TEXT NOT NULL,
            context TEXT NOT NULL DEFAULT '{}',
            events TEXT NOT NULL DEFAULT '[]',
            case_id INTEGER REFERENCES cases(id),
            created_at TEXT NOT NULL,
            UNIQUE (article_id, name)
        )""")
    db.execute("CREATE INDEX idx_case_mentions_case ON case_mentions(case_id)")
    db.execute("""
        CREATE TABLE case_mention_keys (
            key TEXT NOT NULL,
            mention_id INTEGER NOT NULL REFERENCES case_mentions(id),
            PRIMARY KEY (key, mention_id)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX idx_case_mention_keys_mention ON case_mention_keys(mention_id)")
    db.execute("""
        CREATE TABLE case_decisions (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('same', 'different')),
            mention_a INTEGER NOT NULL REFERENCES case_mentions(id),
            mention_b INTEGER NOT NULL REFERENCES case_mentions(id),
            made_at TEXT NOT NULL,
            UNIQUE (mention_a, mention_b)
        )""")
