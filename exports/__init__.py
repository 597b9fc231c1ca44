"""The referat: one summary view model, and one pure writer per format (data in, bytes out)."""

from __future__ import annotations

from collections.abc import Callable

from exports import markdown
from exports.summary import Summary, build_summary

Writer = Callable[[Summary], bytes]

WRITERS: dict[str, tuple[Writer, str]] = {
    "md": (markdown.write, ".md"),
}

__all__ = ["WRITERS", "Summary", "build_summary"]
