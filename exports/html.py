"""The referat as one standalone, accessible HTML5 file (no external assets), ready to publish.

The same page, printed (or rendered by WeasyPrint for the PDF), is A4 with repeated table
headers and rows kept whole: one layout for the web page and the archive.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from exports.items import PersonLine, person_text
from exports.view import Summary
from facilitator.locale_format import date_short, number


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("exports", "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def write(s: Summary) -> bytes:
    env = _environment().overlay()
    env.filters["short_date"] = lambda value: date_short(value, s.lang)
    env.filters["decimal"] = lambda value: number(value, s.lang)
    env.filters["person"] = lambda p: person_text(p, s.lang) if isinstance(p, PersonLine) else p
    return env.get_template("referat.html").render(s=s).encode("utf-8")
