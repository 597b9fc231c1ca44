"""Issue 15, case 5: import is strict and whole; a bad file is one sentence, exit 1, nothing
written; a workshop that imports can be exported in every format."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from exports import REFERAT_FORMATS, render
from facilitator.cli import main
from facilitator.store import Store
from tests import referat_fixture


@pytest.fixture(scope="module")
def _built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    store = Store(tmp_path_factory.mktemp("archive") / "source.sqlite")
    try:
        return store.dump(referat_fixture.build(store))
    finally:
        store.close()


@pytest.fixture
def archive(_built: dict[str, Any], store: Store) -> dict[str, Any]:
    store.load(copy.deepcopy(_built))  # the database the tests import into holds it already
    return copy.deepcopy(_built)


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        *parts, last = path.split(".")
        target: Any = doc
        for part in parts:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return change


BAD: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "workshop status": (_set("workshop.status", "bogus"), "workshop.status"),
    "phase kind": (_set("phases.0.kind", "bogus"), "phases[0].kind"),
    "phase status": (_set("phases.1.status", "bogus"), "phases[1].status"),
    "phase category": (_set("phases.1.category", "bogus"), "phases[1].category"),
    "titles as a string": (_set("phases.0.titles", "Velkommen"), "phases[0].titles"),
    "names as a list": (_set("parties.0.names", ["a", "b"]), "parties[0].names"),
    "action status": (_set("actions.0.status", "bogus"), "actions[0].status"),
    "huge position": (_set("phases.0.position", 10**20), "phases[0].position"),
    "negative limit": (_set("workshop.anonymity_limit", -1), "workshop.anonymity_limit"),
    "zero dots": (_set("workshop.dots", 0), "workshop.dots"),
    "empty code": (_set("workshop.code", ""), "workshop.code"),
    "path in code": (_set("workshop.code", "../AB"), "workshop.code"),
    "card text C1": (_set("cards.0.text", "a\x9bb"), "cards[0].text"),
    "card phase": (_set("cards.0.phase", 99), "cards[0].phase"),
    "rating value": (_set("ratings.0.value", 9), "ratings[0].value"),
    "string moderation": (_set("workshop.moderation", "yes"), "workshop.moderation"),
}


def _workshops(db: Path) -> int:
    store = Store(db)
    try:
        return len(store.list_workshops())
    finally:
        store.close()


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_field_is_one_sentence_naming_it_and_nothing_is_written(
    tmp_path: Path, archive: dict[str, Any], capsys: pytest.CaptureFixture[str], name: str
) -> None:
    change, field = BAD[name]
    doc = copy.deepcopy(archive)
    change(doc)
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    db = tmp_path / "target.sqlite"
    assert main(["--db", str(db), "import", str(file)]) == 1
    err = capsys.readouterr().err
    assert field in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert _workshops(db) == 0
    assert main(["--db", str(db), "list"]) == 0  # and the database still opens


@pytest.mark.parametrize(
    "content",
    ["[]", "null", "[" * 100_000 + "]" * 100_000, '{"format": 1' + "0" * 5000 + "}", "{]"],
    ids=["list", "null", "deep", "huge-int", "not-json"],
)
def test_files_that_are_no_archive_are_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    file = tmp_path / "bad.json"
    file.write_text(content, encoding="utf-8")
    assert main(["--db", str(tmp_path / "x.sqlite"), "import", str(file)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_a_lower_case_copy_of_a_code_gets_a_new_code_and_delete_hits_the_right_one(
    tmp_path: Path, db_path: Path, store: Store, archive: dict[str, Any]
) -> None:
    original = archive["workshop"]["code"]
    doc = copy.deepcopy(archive)
    doc["workshop"]["code"] = original.lower()
    doc["workshop"]["title"] = "Kopien"
    file = tmp_path / "copy.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    store.close()
    assert main(["--db", str(db_path), "import", str(file)]) == 0
    reopened = Store(db_path)
    copy_ws = next(w for w in reopened.list_workshops() if w.title == "Kopien")
    assert copy_ws.code != original and copy_ws.code.upper() != original
    reopened.close()
    assert main(["--db", str(db_path), "delete", copy_ws.code.lower(), "--yes"]) == 0
    reopened = Store(db_path)
    assert [w.code for w in reopened.list_workshops()] == [original]
    reopened.close()


def test_every_imported_fixture_exports_in_every_format(
    tmp_path: Path, archive: dict[str, Any]
) -> None:
    header = copy.deepcopy(archive)
    header["format"] = "trepart-archive"  # the archive's new name, with a header line
    header["about"] = "Full-fidelity archive for moving or restoring a workshop."
    for index, doc in enumerate((archive, header)):
        target = Store(tmp_path / f"import-{index}.sqlite")
        try:
            ws = target.load(copy.deepcopy(doc))
            for fmt in (*REFERAT_FORMATS, "json"):
                assert all(data for _name, data in render(target, ws.id, fmt)), fmt
        finally:
            target.close()
