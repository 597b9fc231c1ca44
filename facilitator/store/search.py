"""The word search of the board's `/`: an FTS5 index of the cards' text (schema migrations 8
and 9).

A phone's card is not indexed as it arrives: the insert trigger only queues its id in
`card_fts_pending` (an FTS5 insert costs as much as the rest of the card's write). `search` reads
the index and the queue, so a card is found the moment it is stored; `index_pending` moves the
queue into the index, off the phones' path (the search dialog runs it when it opens).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from itertools import product

from facilitator.model import Card
from facilitator.store import rows
from facilitator.store.errors import Outcome

# The tokenizer folds é to e and å to a, but æ and ø are letters of their own to it. Typed on a
# keyboard without them, Norwegians write "ae"/"oe" or just "a"/"o": a word is also looked for
# with those put back. Bounded, so that a long word of many o's stays one small query.
_SPELLINGS = (
    ("ae", ("ae", "æ")),
    ("oe", ("oe", "ø")),
    ("aa", ("aa", "å")),
    ("a", ("a", "æ")),
    ("o", ("o", "ø")),
)
_SPLIT = re.compile(r"ae|oe|aa|a|o|[^ao]+")
_MAX_SPELLINGS = 32
# A word as unicode61 sees one: letters and digits; "_" separates, as punctuation does.
_WORD = re.compile(r"[^\W_]+")


def spellings(word: str) -> list[str]:
    """`word` and the ways it may have been meant with æ, ø and å (the first is `word`)."""
    choices = dict(_SPELLINGS)
    parts = [choices.get(p, (p,)) for p in _SPLIT.findall(word.lower())]
    found: list[str] = []
    for combo in product(*parts):
        found.append("".join(combo))
        if len(found) >= _MAX_SPELLINGS:
            break
    return found


def match_query(text: str) -> str | None:
    """An FTS5 query for the words of `text`: every word, each as a prefix, in any spelling."""
    words = _WORD.findall(text)
    if not words:
        return None
    terms = [" OR ".join(f'"{s}"*' for s in spellings(word)) for word in words]
    return " AND ".join(f"({t})" for t in terms)


def index_pending(conn: sqlite3.Connection, most: int = 2000) -> Outcome[int]:
    """Index up to `most` queued cards (one FTS5 insert each, ~70 µs) and take them off the
    queue; returns how many. Bounded, so that a file imported with 200,000 cards holds the
    phones' writer for a fraction of a second at a time, not for the whole index."""
    ids = [
        r[0] for r in conn.execute("SELECT id FROM card_fts_pending ORDER BY id LIMIT ?", (most,))
    ]
    if not ids:
        return Outcome(0)
    upto = ids[-1]
    conn.execute(
        "INSERT INTO card_fts (rowid, text) SELECT c.id, c.text FROM card_fts_pending p "
        "JOIN card c ON c.id = p.id WHERE p.id <= ?",
        (upto,),
    )
    conn.execute("DELETE FROM card_fts_pending WHERE id <= ?", (upto,))
    return Outcome(len(ids))


def _fold(text: str) -> str:
    """What the tokenizer (unicode61 remove_diacritics 2) makes of text: lower case, accents off,
    æ and ø kept (they do not decompose)."""
    decomposed = unicodedata.normalize("NFD", text.lower())  # not casefold: ß stays ß
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _queued_matches(text: str) -> re.Pattern[str] | None:
    """The FTS5 query's meaning for a queued card: every word, as a prefix of a word of the card,
    in any of its spellings."""
    words = _WORD.findall(text)
    if not words:
        return None
    terms = ["|".join(re.escape(_fold(s)) for s in spellings(w)) for w in words]
    return re.compile("".join(rf"(?=.*(?<![^\W_])(?:{t}))" for t in terms), re.S)


_COLUMNS = ", ".join("c." + c.strip() for c in rows.CARD_COLUMNS.split(","))
_SHOWN = "c.workshop_id = ? AND c.hidden = 0 AND c.pending = 0"


def search(conn: sqlite3.Connection, workshop_id: int, text: str, limit: int = 50) -> list[Card]:
    """The workshop's first cards (in the order they came) with all of `text`'s words, in every
    phase. No ranking: the index, walked first (CROSS JOIN), hands out rows in rowid order, so
    LIMIT stops early. A short prefix at 20,000 cards costs 1–10 ms; ranked (bm25 for every card
    that matches) or driven from the card table it cost 80–670 ms, on the loop the phones share.
    Cards still queued for the index are matched here, the same way (`_fold` is the tokenizer's).

    Hidden cards are not found, nor held ones (moderation: the room sees a card once the
    facilitator lets it onto the wall, and the search is on the projector); withdrawn ones left
    the index (or the queue) with their row."""
    query = match_query(text)
    if query is None:
        return []
    found = [
        rows.card(r)
        for r in conn.execute(
            f"SELECT {_COLUMNS} FROM card_fts CROSS JOIN card c ON c.id = card_fts.rowid "
            f"WHERE card_fts MATCH ? AND {_SHOWN} ORDER BY card_fts.rowid LIMIT ?",
            (query, workshop_id, limit),
        )
    ]
    pattern = _queued_matches(text)
    if pattern is None:
        return found
    queued = conn.execute(
        f"SELECT {_COLUMNS} FROM card_fts_pending p CROSS JOIN card c ON c.id = p.id "
        f"WHERE {_SHOWN} ORDER BY p.id",
        (workshop_id,),
    )
    for r in queued:  # in id order: enough matches, or past the index's last hit, ends it
        card = rows.card(r)
        if len(found) >= limit and card.id > found[-1].id:
            break
        if pattern.match(_fold(card.text)):
            found.append(card)
            found.sort(key=lambda c: c.id)
            del found[limit:]
    return found
