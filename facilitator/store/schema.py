"""The SQLite schema as a list of forward migrations, versioned by `PRAGMA user_version`.

A migration is appended, never edited: a facilitator's database from last
year's seminar must still open.
"""

from __future__ import annotations

import sqlite3

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
)

SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file up to SCHEMA_VERSION; returns the version it started at."""
    start = conn.execute("PRAGMA user_version").fetchone()[0]
    if start > SCHEMA_VERSION:
        raise RuntimeError(
            f"Databasen er laget av en nyere Trepart (skjema {start}, denne kan {SCHEMA_VERSION})."
        )
    for version in range(start, SCHEMA_VERSION):
        conn.executescript(
            f"BEGIN IMMEDIATE; {MIGRATIONS[version]}; PRAGMA user_version = {version + 1}; COMMIT;"
        )
    return start
