"""The command line contract, in-process for the one-shot commands and as real processes for `serve`."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from facilitator.cli import main
from facilitator.demo import sse_events
from facilitator.store import Store
from tests.conftest import CHALLENGES
from tests.functional.serve_helpers import ServeProcess


def trepart(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facilitator", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_templates_lists_the_five_templates(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    assert main(["--db", str(db_path), "templates"]) == 0
    keys = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert keys == ["tana-oppstart", "samhandlingsmote", "styringsgruppe", "sobk", "infomote"]


def test_new_and_list_speak_json_for_scripts(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    assert (
        main(
            [
                "--db",
                str(db_path),
                "new",
                "--template",
                "tana-oppstart",
                "--title",
                "Oppstart",
                "--municipality",
                "Tana kommune",
                "--json",
            ]
        )
        == 0
    )
    created = json.loads(capsys.readouterr().out)
    assert set(created) >= {"id", "code", "url"}
    assert created["url"].endswith(f"/j/{created['code']}")
    assert main(["--db", str(db_path), "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == [
        {**{k: created[k] for k in ("id", "code", "url")}, "title": "Oppstart", "status": "draft"}
    ]


def test_phase_and_export_by_join_code(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    store = Store(db_path)
    ws = store.create_workshop("tana-oppstart", title="Oppstart", code="ABC234")
    store.close()
    assert main(["--db", str(db_path), "phase", "abc234", "open", "2"]) == 0
    assert "Fase 2: Utfordringer (åpen)" in capsys.readouterr().out
    out = tmp_path / "referat.md"
    assert main(["--db", str(db_path), "export", str(ws.id), "--format", "md", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Referat: Oppstart")


def test_user_mistakes_get_one_sentence_and_no_traceback(db_path: Path) -> None:
    unknown = trepart(db_path, "phase", "NOSUCH", "next")
    assert unknown.returncode == 1
    assert (
        unknown.stderr.strip()
        == "trepart: Fant ingen workshop med id eller kode «NOSUCH». Se «trepart list»."
    )
    bad_template = trepart(db_path, "new", "--template", "nope", "--title", "x")
    assert bad_template.returncode == 1
    assert "Ukjent mal «nope»" in bad_template.stderr and "Traceback" not in bad_template.stderr
    usage = trepart(db_path, "export", "1", "--format", "odt")
    assert usage.returncode == 2


async def test_serve_follows_a_phase_change_from_another_terminal(db_path: Path) -> None:
    store = Store(db_path)
    ws = store.create_workshop("tana-oppstart", title="Oppstart")
    store.close()
    server = ServeProcess(db_path, ws.code)
    await server.start()
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"{server.base}/api/v1/w/{ws.code}/events") as stream,
        ):
            events = sse_events(stream)
            first = await anext(events)
            assert json.loads(first[1])["phase"] is None
            done = await asyncio.to_thread(
                trepart, db_path, "phase", ws.code, "open", str(CHALLENGES)
            )
            assert done.returncode == 0, done.stderr
            async with asyncio.timeout(10):
                name, data = await anext(events)
            assert name == "phase"
            assert json.loads(data)["phase"]["position"] == CHALLENGES
    finally:
        await server.stop()


def test_usage_mistakes_are_one_norwegian_sentence_with_exit_2(db_path: Path) -> None:
    cases = {
        (
            "new",
            "--template",
            "sobk",
            "--title",
            "x",
            "--date",
            "31.02.2026",
        ): "datoen «31.02.2026» skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD",
        ("new", "--template", "sobk", "--title", " "): "tittelen kan ikke være tom",
        ("export", "1", "--format", "odt"): "«odt» er ikke et gyldig valg for --format",
        ("new", "--title", "x"): "mangler --template",
    }
    for args, sentence in cases.items():
        result = trepart(db_path, *args)
        assert result.returncode == 2, args
        assert result.stderr.startswith("trepart: ") and sentence in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "usage:" not in result.stderr


def test_a_date_is_taken_as_norwegians_write_it(db_path: Path) -> None:
    made = trepart(db_path, "new", "--template", "sobk", "--title", "x", "--date", "31.03.2026")
    assert made.returncode == 0, made.stderr
    assert Store(db_path).list_workshops()[0].date == "2026-03-31"


def test_failures_name_the_problem_in_norwegian(db_path: Path, tmp_path: Path) -> None:
    Store(db_path).create_workshop("sobk", title="SOBK", code="SOBK22")
    missing_phase = trepart(db_path, "phase", "SOBK22", "open", "99")
    assert missing_phase.returncode == 1
    assert "Workshopen har ingen fase 99; den har fase 1–7." in missing_phase.stderr
    unwritable = trepart(
        db_path, "export", "SOBK22", "--format", "md", "-o", str(tmp_path / "nope" / "r.md")
    )
    assert unwritable.returncode == 1 and "filen eller mappen finnes ikke" in unwritable.stderr
