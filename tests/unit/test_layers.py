"""DESIGN.md's layer rules, checked on the source: who may import what."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CORE = [
    "facilitator/model.py",
    "facilitator/store",
    "facilitator/events.py",
    "facilitator/anonymity.py",
    "facilitator/clustering",
    "facilitator/embedding.py",
    "facilitator/phones.py",  # the app side of the phones' process: no aiohttp in the app
    "facilitator/relay.py",
    "facilitator/qr.py",
    "facilitator/templates.py",
    "exports",
]


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    files = [path] if path.is_file() else sorted(path.rglob("*.py"))
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
    return found


def top(names: set[str]) -> set[str]:
    return {n.split(".")[0] for n in names}


@pytest.mark.parametrize("part", CORE)
def test_the_core_imports_neither_textual_nor_aiohttp(part: str) -> None:
    # A renamed or moved core path fails here: the rule must not silently stop covering it.
    assert (ROOT / part).exists(), f"{part} is listed as core but does not exist: update CORE"
    assert not top(imports(ROOT / part)) & {"textual", "aiohttp", "screens"}


def test_the_server_never_imports_textual_or_screens() -> None:
    assert not top(imports(ROOT / "facilitator/server")) & {"textual", "screens"}


def test_screens_never_import_aiohttp_or_the_server() -> None:
    names = imports(ROOT / "screens")
    assert "aiohttp" not in top(names)
    assert not {n for n in names if n.startswith("facilitator.server")}


SQL_CALLS = {"execute", "executemany", "executescript"}
PACKAGES = ("facilitator", "screens", "exports")


def sources_outside_the_store() -> list[Path]:
    files = [f for package in PACKAGES for f in sorted((ROOT / package).rglob("*.py"))]
    return [f for f in files if not f.relative_to(ROOT).as_posix().startswith("facilitator/store/")]


def sql_calls(path: Path) -> list[int]:
    """Lines that call `.execute(`, `.executemany(` or `.executescript(` on anything."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SQL_CALLS
    ]


def test_only_the_store_runs_sql() -> None:
    files = sources_outside_the_store()
    assert len(files) > 50, "the walk found the packages"
    offenders = []
    for file in files:
        rel = file.relative_to(ROOT).as_posix()
        if {"sqlite3", "sqlite_utils"} & top(imports(file)):
            offenders.append(f"{rel}: imports sqlite3 or sqlite_utils")
        offenders.extend(f"{rel}:{line}: runs SQL" for line in sql_calls(file))
    assert offenders == []


def test_the_sql_rule_sees_a_call_that_needs_no_import(tmp_path: Path) -> None:
    # A connection handed in from the store needs no import of sqlite3 to run SQL with it.
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def count(conn):\n    return conn.execute('SELECT 1').fetchone()\n")
    assert sql_calls(sneaky) == [2]
