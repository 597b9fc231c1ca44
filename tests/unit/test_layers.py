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
    "facilitator/clustering",
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


@pytest.mark.parametrize("part", [p for p in CORE if (ROOT / p).exists()])
def test_the_core_imports_neither_textual_nor_aiohttp(part: str) -> None:
    assert not top(imports(ROOT / part)) & {"textual", "aiohttp", "screens"}


def test_the_server_never_imports_textual_or_screens() -> None:
    assert not top(imports(ROOT / "facilitator/server")) & {"textual", "screens"}


def test_screens_never_import_aiohttp_or_the_server() -> None:
    names = imports(ROOT / "screens")
    assert "aiohttp" not in top(names)
    assert not {n for n in names if n.startswith("facilitator.server")}


def test_only_the_store_runs_sql() -> None:
    offenders = []
    for file in sorted(ROOT.glob("*/**/*.py")):
        rel = file.relative_to(ROOT).as_posix()
        if rel.startswith(("facilitator/store/", "tests/", ".venv/")):
            continue
        if "sqlite3" in top(imports(file)) or "sqlite_utils" in top(imports(file)):
            offenders.append(rel)
    assert offenders == []
