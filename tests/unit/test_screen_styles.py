"""Screens keep their styles in .tcss files beside them, and an installed wheel carries them
(issue 16, item 4); small reusable widgets may keep DEFAULT_CSS, as Textual's own do."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import tomllib
from pathlib import Path

from textual.screen import Screen

import screens

ROOT = Path(__file__).resolve().parents[2]


def _screen_classes() -> list[type[Screen[object]]]:
    found = []
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"screens.{info.name}")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_every_screen_has_its_styles_in_a_tcss_file_beside_it() -> None:
    classes = _screen_classes()
    assert len(classes) >= 14
    for cls in classes:
        assert "DEFAULT_CSS" not in vars(cls), f"{cls.__name__}: move its styles to a .tcss file"
        path = vars(cls).get("CSS_PATH")
        assert isinstance(path, str) and path.endswith(".tcss"), cls.__name__
        assert (Path(inspect.getfile(cls)).parent / path).is_file(), (cls.__name__, path)


def test_the_wheel_carries_the_tcss_files() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "*.tcss" in config["tool"]["setuptools"]["package-data"]["screens"]
