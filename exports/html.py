"""The referat as one standalone, accessible HTML5 file (no external assets), ready to publish."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from exports.summary import Summary


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("exports", "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def write(s: Summary) -> bytes:
    return _environment().get_template("referat.html").render(s=s).encode("utf-8")
