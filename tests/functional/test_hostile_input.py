"""Issue 15, cases 1, 2 and 7: what a hostile phone sends is refused with a 4xx, never a 5xx,
and no stored text can break an export or the facilitator's app."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

from exports import render
from facilitator.model import Workshop
from facilitator.store import Store
from tests.conftest import CHALLENGES, join, new_id

HOSTILE_TEXTS = {
    "noncharacters": "\uffff\ufffe",
    "C1 CSI": "hei \x9b31m rødt",
    "C1 OSC": "hei \x9d0;tittel\x07",
    "next line": "linje\x85linje",
    "zero-width only": "\u200b\u200b\u200b",
    "Hangul filler": "\u3164\u3164",
    "Braille blank": "\u2800",
    "400 newlines": "\n" * 400,
    "too many lines": "\n".join(f"linje {i}" for i in range(20)),
    "tab": "a\tb",
    "escape": "\x1b[2J",
}


async def _submit(client: TestClient, code: str, auth: dict[str, str], text: str):  # type: ignore[no-untyped-def]
    return await client.post(
        f"/api/v1/w/{code}/submissions", json={"id": new_id(), "text": text}, headers=auth
    )


@pytest.mark.parametrize("name", sorted(HOSTILE_TEXTS))
async def test_card_text_must_be_visible_text(
    client: TestClient, store: Store, workshop: Workshop, name: str
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    auth = await join(client, workshop.code)
    resp = await _submit(client, workshop.code, auth, HOSTILE_TEXTS[name])
    assert resp.status == 422, (name, await resp.text())
    error = (await resp.json())["error"]
    assert error["message"].endswith(".")  # a sentence, in bokmål by default
    assert store.cards(workshop.id) == []


async def test_line_breaks_are_normalised_and_blank_runs_shrink(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    auth = await join(client, workshop.code)
    assert (await _submit(client, workshop.code, auth, "første\r\nandre\rtredje")).status == 201
    assert (await _submit(client, workshop.code, auth, "a\n\n\n\n\nb")).status == 201
    assert (await _submit(client, workshop.code, auth, "e\u0301n")).status == 201  # NFC
    assert [c.text for c in store.cards(workshop.id)] == [
        "første\nandre\ntredje",
        "a\n\nb",
        "\u00e9n",
    ]


async def test_the_form_post_refuses_the_same_texts(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    await client.post(f"/j/{workshop.code}/join", data={"party": "ansatte", "lang": "nb"})
    for text in HOSTILE_TEXTS.values():
        resp = await client.post(
            f"/j/{workshop.code}/submit", data={"text": text, "client_id": new_id()}
        )
        assert resp.status == 422
    assert store.cards(workshop.id) == []


def _legacy_card(db_path: Path, workshop_id: int, text: str) -> None:
    """A card stored by an older Trepart, before the validator: straight into the file."""
    conn = sqlite3.connect(db_path)
    phase_id = conn.execute(
        "SELECT id FROM phase WHERE workshop_id = ? AND position = ?", (workshop_id, CHALLENGES)
    ).fetchone()[0]
    conn.execute(
        "INSERT INTO card (workshop_id, phase_id, party_key, client_id, text, created_at) "
        "VALUES (?, ?, 'ansatte', ?, ?, 0)",
        (workshop_id, phase_id, new_id(), text),
    )
    conn.commit()
    conn.close()


def test_no_stored_text_breaks_an_export(db_path: Path, store: Store, workshop: Workshop) -> None:
    for text in (*HOSTILE_TEXTS.values(), "null\x00byte", "vt\x0bff\x0c"):
        _legacy_card(db_path, workshop.id, text)
    for fmt in ("md", "html", "docx", "xlsx", "csv", "json"):
        files = render(store, workshop.id, fmt)
        for _name, data in files:
            if fmt in ("docx", "xlsx"):
                assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
                continue
            text = data.decode("utf-8")  # valid UTF-8: no lone surrogate written
            assert not any(0x80 <= ord(c) <= 0x9F for c in text), fmt  # no C1 to a terminal
            assert ("\x00" not in text and "\x1b" not in text) or fmt == "json", fmt


def test_the_cli_exports_a_hostile_workshop_without_a_traceback(
    db_path: Path, store: Store, workshop: Workshop, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    from facilitator.cli import main

    _legacy_card(db_path, workshop.id, "\uffff\ufffe")
    _legacy_card(db_path, workshop.id, "\x9b31m")
    for fmt in ("docx", "xlsx"):
        assert (
            main(["--db", str(db_path), "export", workshop.code, "--format", fmt, "-o", "-"]) == 0
        )
    assert main(["--db", str(db_path), "export", workshop.code, "--format", "md", "-o", "-"]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"PK") and "\x9b".encode() not in out


# -- case 2: no 5xx ------------------------------------------------------------------------

BIG = "9" * 5000


@pytest.mark.parametrize(
    ("endpoint", "body", "authed"),
    [
        ("participants", '{"party": "ansatte", "lang": ' + BIG + "}", False),
        ("submissions", '{"id": ' + BIG + ', "text": "x"}', True),
        ("ratings", '{"value": "²"}', True),
        ("ratings", '{"value": ' + BIG + "}", True),
        ("votes", '{"allocations": {"²": 1}}', True),
        ("votes", '{"allocations": {"1": ' + BIG + "}}", True),
        ("votes", '{"allocations": {"' + BIG + '": 1}}', True),
        ("ratings", '{"value": NaN}', True),
    ],
    ids=[
        "join-big",
        "card-big",
        "rate-sup2",
        "rate-big",
        "vote-sup2",
        "vote-big",
        "option-big",
        "nan",
    ],
)
async def test_odd_numbers_in_json_are_4xx(
    client: TestClient, store: Store, workshop: Workshop, endpoint: str, body: str, authed: bool
) -> None:
    store.open_phase(workshop.id, 6)
    headers = {"Content-Type": "application/json"}
    if authed:
        headers.update(await join(client, workshop.code))
    before = len(store.dump(workshop.id)["participants"])
    resp = await client.post(f"/api/v1/w/{workshop.code}/{endpoint}", data=body, headers=headers)
    assert 400 <= resp.status < 500, await resp.text()
    assert (await resp.json())["error"]["code"]
    assert len(store.dump(workshop.id)["participants"]) == before


@pytest.mark.parametrize(
    ("action", "form"),
    [
        ("vote", "option-x=1"),
        ("vote", "option-1=%C2%B2"),
        ("vote", "option-" + BIG + "=1"),
        ("vote", "option-1=" + BIG),
        ("rate", "value=%C2%B2"),
        ("submit", "text=%FF%FE&client_id=" + "0" * 8),
    ],
    ids=["option-x", "sup2", "option-big", "dots-big", "rate-sup2", "bad-utf8"],
)
async def test_odd_forms_are_4xx(
    client: TestClient, store: Store, workshop: Workshop, action: str, form: str
) -> None:
    store.open_phase(workshop.id, 6 if action != "submit" else CHALLENGES)
    await client.post(f"/j/{workshop.code}/join", data={"party": "ansatte", "lang": "nb"})
    resp = await client.post(
        f"/j/{workshop.code}/{action}",
        data=form.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert 400 <= resp.status < 500
    assert store.cards(workshop.id) == []


async def test_invalid_utf8_in_a_form_is_refused_not_replaced(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    await client.post(f"/j/{workshop.code}/join", data={"party": "ansatte", "lang": "nb"})
    resp = await client.post(
        f"/j/{workshop.code}/submit",
        data=b"text=hei%FF&client_id=" + new_id().encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert resp.status == 400
    assert store.cards(workshop.id) == []


@pytest.mark.parametrize("charset", ["bogus", "utf-16", "latin-1"])
async def test_a_form_in_another_charset_is_415(
    client: TestClient, store: Store, workshop: Workshop, charset: str
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    await client.post(f"/j/{workshop.code}/join", data={"party": "ansatte", "lang": "nb"})
    resp = await client.post(
        f"/j/{workshop.code}/submit",
        data=b"text=hei&client_id=" + new_id().encode(),
        headers={"Content-Type": f"application/x-www-form-urlencoded; charset={charset}"},
    )
    assert resp.status == 415
    assert store.cards(workshop.id) == []


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer \udcff\udcfe-invalid"},
        {"Authorization": "Bearer " + "x" * 5000},
        {"Cookie": "trepart_TANA24=\udcff\udcfe"},
        {"Cookie": 'trepart_TANA24="unterminated; x'},
    ],
)
async def test_odd_tokens_and_cookies_are_401(
    client: TestClient, store: Store, workshop: Workshop, headers: dict[str, str]
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    encoded = {
        k: v.encode("utf-8", "surrogateescape").decode("latin-1") for k, v in headers.items()
    }
    resp = await client.post(
        f"/api/v1/w/{workshop.code}/submissions",
        json={"id": new_id(), "text": "hei"},
        headers=encoded,
    )
    assert resp.status == 401
    page = await client.get(f"/j/{workshop.code}", headers=encoded)
    assert page.status == 200


# -- case 7: form posts only from Trepart's own pages ----------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "null"},
        {"Origin": "http://evil.example", "Host": "evil.example"},
        {"Origin": "http://evil.example:8080", "Host": "evil.example:8080"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
async def test_cross_site_form_posts_are_refused(
    client: TestClient, store: Store, workshop: Workshop, headers: dict[str, str]
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    join = await client.post(
        f"/j/{workshop.code}/join",
        data={"party": "folkevalgte", "lang": "nb"},
        headers=headers,
        allow_redirects=False,
    )
    assert join.status == 403
    assert store.dump(workshop.id)["participants"] == []
    await client.post(f"/j/{workshop.code}/join", data={"party": "ansatte", "lang": "nb"})
    resp = await client.post(
        f"/j/{workshop.code}/submit", data={"text": "CSRF", "client_id": new_id()}, headers=headers
    )
    assert resp.status == 403
    assert store.cards(workshop.id) == []


async def test_form_posts_from_the_served_origin_pass(
    client: TestClient, store: Store, workshop: Workshop
) -> None:
    store.open_phase(workshop.id, CHALLENGES)
    own = f"http://127.0.0.1:{client.port}"
    resp = await client.post(
        f"/j/{workshop.code}/join",
        data={"party": "ansatte", "lang": "nb"},
        headers={"Origin": own, "Sec-Fetch-Site": "same-origin"},
        allow_redirects=False,
    )
    assert resp.status == 303
    resp = await client.post(
        f"/j/{workshop.code}/submit",
        data={"text": "fra egen side", "client_id": new_id()},
        headers={"Origin": f"http://localhost:{client.port}"},
        allow_redirects=False,
    )
    assert resp.status == 303
    assert [c.text for c in store.cards(workshop.id)] == ["fra egen side"]


async def test_the_public_url_is_an_origin_of_its_own(
    aiohttp_client, store: Store, workshop: Workshop
) -> None:  # type: ignore[no-untyped-def]
    from facilitator.server import create_web_app

    client = await aiohttp_client(
        create_web_app(store, public_url="https://trepart.tana.kommune.no/")
    )
    resp = await client.post(
        f"/j/{workshop.code}/join",
        data={"party": "ansatte", "lang": "nb"},
        headers={"Origin": "https://trepart.tana.kommune.no"},
        allow_redirects=False,
    )
    assert resp.status == 303
