"""The SQLite schema as a list of forward migrations, versioned by `PRAGMA user_version`.

A migration is appended, never edited: a facilitator's database from last
year's seminar must still open. A migration is SQL, run in one transaction with the version it
brings the file to.
"""

from __future__ import annotations

import sqlite3

SEARCH_TOKENIZER = "unicode61 remove_diacritics 2"  # é is e, å is a; æ and ø see search.spellings


# 8: full-text search of the cards' words (the board's `/`), filled for the cards already there
# and kept in step by triggers. Written by sqlite-utils' `enable_fts` at first; the same statements
# in SQL cost a fresh file nothing, where importing sqlite-utils cost every first start 0.2 s.
# On a file whose version was set back by hand the index is dropped and made anew.
CARD_SEARCH = f"""
    DROP TRIGGER IF EXISTS card_ai;
    DROP TRIGGER IF EXISTS card_ad;
    DROP TRIGGER IF EXISTS card_au;
    DROP TABLE IF EXISTS card_fts;
    CREATE VIRTUAL TABLE card_fts USING FTS5 (text, tokenize='{SEARCH_TOKENIZER}', content=card);
    INSERT INTO card_fts (rowid, text) SELECT rowid, text FROM card;
    CREATE TRIGGER card_ai AFTER INSERT ON card BEGIN
        INSERT INTO card_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER card_ad AFTER DELETE ON card BEGIN
        INSERT INTO card_fts (card_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    -- only its text is indexed, and grouping moves hundreds of cards at once: re-index a card
    -- when its text changes, only then
    CREATE TRIGGER card_au AFTER UPDATE OF text ON card BEGIN
        INSERT INTO card_fts (card_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO card_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
"""


MIGRATIONS: tuple[str, ...] = (
    # 1: the walking skeleton
    """
    CREATE TABLE workshop (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        template TEXT NOT NULL,
        municipality TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL DEFAULT '',
        lang TEXT NOT NULL DEFAULT 'nb',
        status TEXT NOT NULL DEFAULT 'draft',
        current_phase_id INTEGER,
        anonymity_limit INTEGER NOT NULL DEFAULT 3,
        text_max INTEGER NOT NULL DEFAULT 500,
        dots INTEGER NOT NULL DEFAULT 3,
        created_at REAL NOT NULL
    );
    CREATE TABLE party (
        workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        names TEXT NOT NULL,
        color TEXT NOT NULL,
        position INTEGER NOT NULL,
        seats INTEGER,
        PRIMARY KEY (workshop_id, key)
    );
    CREATE TABLE phase (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        category TEXT,
        titles TEXT NOT NULL,
        prompts TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        UNIQUE (workshop_id, position)
    );
    CREATE TABLE participant (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        token_hash TEXT NOT NULL UNIQUE,
        party_key TEXT NOT NULL,
        lang TEXT NOT NULL DEFAULT 'nb'
    );
    CREATE INDEX participant_workshop ON participant(workshop_id, party_key);
    CREATE TABLE card (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        phase_id INTEGER NOT NULL REFERENCES phase(id) ON DELETE CASCADE,
        participant_id INTEGER REFERENCES participant(id) ON DELETE SET NULL,
        party_key TEXT NOT NULL,
        client_id TEXT NOT NULL,
        text TEXT NOT NULL,
        target_party TEXT,
        hidden INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL,
        UNIQUE (workshop_id, client_id)
    );
    CREATE INDEX card_phase ON card(phase_id, id);
    """,
    # 2: running a whole seminar: people, moderation, time boxes, edits, merges, agreements
    """
    ALTER TABLE workshop ADD COLUMN facilitator TEXT NOT NULL DEFAULT '';
    ALTER TABLE workshop ADD COLUMN referent TEXT NOT NULL DEFAULT '';
    ALTER TABLE workshop ADD COLUMN moderation INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE phase ADD COLUMN timebox INTEGER;
    ALTER TABLE phase ADD COLUMN opened_at REAL;
    ALTER TABLE card ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE card ADD COLUMN original_text TEXT;
    ALTER TABLE card ADD COLUMN merged_into INTEGER REFERENCES card(id) ON DELETE SET NULL;
    ALTER TABLE card ADD COLUMN source TEXT NOT NULL DEFAULT 'phone';
    CREATE TABLE agreement (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        phase_id INTEGER REFERENCES phase(id) ON DELETE SET NULL,
        text TEXT NOT NULL,
        created_at REAL NOT NULL
    );
    """,
    # 3: focus areas, prioritising, pulse, actions and series of meetings
    """
    CREATE TABLE focus_area (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        position INTEGER NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0,
        label_by_hand INTEGER NOT NULL DEFAULT 0,
        origin TEXT NOT NULL DEFAULT 'manual'
    );
    ALTER TABLE card ADD COLUMN focus_area_id INTEGER REFERENCES focus_area(id) ON DELETE SET NULL;
    ALTER TABLE card ADD COLUMN placed_by TEXT;
    ALTER TABLE phase ADD COLUMN revealed INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE vote_option (
        id INTEGER PRIMARY KEY,
        phase_id INTEGER NOT NULL REFERENCES phase(id) ON DELETE CASCADE,
        focus_area_id INTEGER REFERENCES focus_area(id) ON DELETE SET NULL,
        label TEXT NOT NULL,
        position INTEGER NOT NULL
    );
    CREATE TABLE vote (
        id INTEGER PRIMARY KEY,
        option_id INTEGER NOT NULL REFERENCES vote_option(id) ON DELETE CASCADE,
        participant_id INTEGER REFERENCES participant(id) ON DELETE CASCADE,
        party_key TEXT NOT NULL,
        dots INTEGER NOT NULL CHECK (dots > 0),
        proxy INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX vote_option_idx ON vote(option_id);
    CREATE UNIQUE INDEX vote_once ON vote(participant_id, option_id) WHERE participant_id IS NOT NULL;
    CREATE TABLE rating (
        id INTEGER PRIMARY KEY,
        phase_id INTEGER NOT NULL REFERENCES phase(id) ON DELETE CASCADE,
        participant_id INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,
        party_key TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),
        UNIQUE (phase_id, participant_id)
    );
    CREATE TABLE action (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        focus_area TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        deadline TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'ikke_startet',
        note TEXT NOT NULL DEFAULT '',
        carried_from INTEGER REFERENCES action(id) ON DELETE SET NULL,
        created_at REAL NOT NULL
    );
    CREATE TABLE action_history (
        id INTEGER PRIMARY KEY,
        action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        changed_at REAL NOT NULL
    );
    ALTER TABLE workshop ADD COLUMN series TEXT NOT NULL DEFAULT '';
    ALTER TABLE workshop ADD COLUMN follows_id INTEGER REFERENCES workshop(id) ON DELETE SET NULL;
    """,
    # 4: the venue's Wi-Fi, for the second QR code on the join view and the handout
    """
    ALTER TABLE workshop ADD COLUMN wifi_ssid TEXT NOT NULL DEFAULT '';
    ALTER TABLE workshop ADD COLUMN wifi_password TEXT NOT NULL DEFAULT '';
    """,
    # 5: minutes as a secretary writes them: who attended, per item notes and decisions,
    # exempted items (offentleglova), the meeting's time and its first sak number
    """
    CREATE TABLE attendee (
        id INTEGER PRIMARY KEY,
        workshop_id INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
        party_key TEXT NOT NULL,
        name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'present' CHECK (status IN ('present', 'absent', 'deputy')),
        position INTEGER NOT NULL
    );
    CREATE INDEX attendee_workshop ON attendee(workshop_id, party_key, position);
    CREATE TABLE item_note (
        phase_id INTEGER PRIMARY KEY REFERENCES phase(id) ON DELETE CASCADE,
        discussion TEXT NOT NULL DEFAULT '',
        decision TEXT NOT NULL DEFAULT '',
        exempt_basis TEXT
    );
    CREATE TABLE meeting (
        workshop_id INTEGER PRIMARY KEY REFERENCES workshop(id) ON DELETE CASCADE,
        time TEXT NOT NULL DEFAULT '',
        first_item INTEGER
    );
    """,
    # 6: the grouping engine's sentence embeddings, cached by the card's words (issue 18):
    # a restart or an import does not embed the same text again
    """
    CREATE TABLE card_vector (
        key TEXT PRIMARY KEY,
        vector BLOB NOT NULL,
        created_at REAL NOT NULL
    ) WITHOUT ROWID;
    """,
    # 7: the reads on the event loop's path answered in order by an index, not a scan and a sort
    """
    CREATE INDEX party_position ON party(workshop_id, position);
    CREATE INDEX vote_option_phase ON vote_option(phase_id, position);
    """,
    # 8: the cards' words in a full-text index (FTS5), for the board's search
    CARD_SEARCH,
    # 9: a phone's insert no longer pays the FTS5 insert (55–75 µs, as much as the rest of the
    # card's write): it is queued in a plain table, indexed when someone searches
    # (search.index_pending), and search.search also reads the queue. The delete and update triggers
    # touch the index only for cards it already holds (a card id can be reused after a withdraw).
    """
    CREATE TABLE IF NOT EXISTS card_fts_pending (id INTEGER PRIMARY KEY);
    -- on a file set back by hand with cards still queued: index them all (content=card), so
    -- that no trigger ever deletes a card the index does not hold; otherwise nothing to do
    INSERT INTO card_fts (card_fts) SELECT 'rebuild' WHERE EXISTS (SELECT 1 FROM card_fts_pending);
    DELETE FROM card_fts_pending;
    DROP TRIGGER IF EXISTS card_ai;
    CREATE TRIGGER card_ai AFTER INSERT ON card BEGIN
        INSERT OR IGNORE INTO card_fts_pending (id) VALUES (new.id);
    END;
    DROP TRIGGER IF EXISTS card_ad;
    CREATE TRIGGER card_ad AFTER DELETE ON card BEGIN
        INSERT INTO card_fts (card_fts, rowid, text) SELECT 'delete', old.id, old.text
            WHERE NOT EXISTS (SELECT 1 FROM card_fts_pending WHERE id = old.id);
        DELETE FROM card_fts_pending WHERE id = old.id;
    END;
    DROP TRIGGER IF EXISTS card_au;
    CREATE TRIGGER card_au AFTER UPDATE OF text ON card
        WHEN NOT EXISTS (SELECT 1 FROM card_fts_pending WHERE id = old.id) BEGIN
        INSERT INTO card_fts (card_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO card_fts (rowid, text) VALUES (new.id, new.text);
    END;
    """,
    # 10: a card id is never given twice. SQLite gives a new row the largest id + 1, so a phone
    # that withdrew the newest card and sent it again (a typo fixed) got the same id back, and a
    # process that had seen that id already (the app beside the phones' process) never showed
    # the new card. The floor keeps the largest id deleted from this version on (what was deleted
    # before it is not in the file any more); inserts start above it. Runs again on a file whose
    # version was set back by hand.
    """
    CREATE TABLE IF NOT EXISTS card_id_floor (
        one INTEGER PRIMARY KEY CHECK (one = 1), floor INTEGER NOT NULL
    );
    INSERT OR IGNORE INTO card_id_floor (one, floor) VALUES (1, 0);
    DROP TRIGGER IF EXISTS card_id_kept;
    CREATE TRIGGER card_id_kept AFTER DELETE ON card BEGIN
        UPDATE card_id_floor SET floor = old.id WHERE one = 1 AND floor < old.id;
    END;
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file up to SCHEMA_VERSION; returns the version it started at."""
    start: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if start > SCHEMA_VERSION:
        raise RuntimeError(
            f"Databasen er laget av en nyere Trepart (skjema {start}, denne kan {SCHEMA_VERSION})."
        )
    for version in range(start, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process (the TUI and `trepart serve` on one new file) may have got here first.
            if conn.execute("PRAGMA user_version").fetchone()[0] == version:
                for statement in statements(MIGRATIONS[version]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start


def statements(script: str) -> list[str]:
    """A script's statements one by one (a trigger's body is part of its statement), so that a
    migration runs inside the transaction that checked the version (`executescript` commits)."""
    out: list[str] = []
    start = 0
    for end, char in enumerate(script):
        if char == ";" and sqlite3.complete_statement(script[start : end + 1]):
            statement = script[start : end + 1].strip()
            if statement.strip(";").strip():
                out.append(statement)
            start = end + 1
    tail = "\n".join(
        line for line in script[start:].splitlines() if not line.strip().startswith("--")
    )
    if tail.strip():
        out.append(tail.strip())  # a last statement without its semicolon
    return out
