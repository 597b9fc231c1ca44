"""The referat's file names: what an archive clerk recognises, and safe on Windows.

"2027-01-26 Styringsgruppe trepartssamarbeid.docx": the date first (ISO, so the folder sorts by
meeting), then the title as written. Characters Windows refuses (<>:"/\\|?*, control
characters), reserved device names (CON, NUL, COM1…) and trailing dots or spaces are taken out.
"""

from __future__ import annotations

import re
from pathlib import Path

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))} | {
    f"LPT{i}" for i in range(1, 10)
}
MAX_STEM = 120  # Windows paths stop at 260 characters; leave room for the folder


def stem(date: str, title: str, *, internal: bool = False, fallback: str = "referat") -> str:
    """The file name without its suffix."""
    name = " ".join(_FORBIDDEN.sub(" ", f"{date} {title}").split())
    name = name[:MAX_STEM].rstrip(" .") or fallback
    if name.split(".")[0].upper() in _RESERVED:
        name = f"_{name}"
    return f"{name} (intern)" if internal else name


def free_path(path: Path) -> Path:
    """`path`, or the first "name (2).ext", "name (3).ext", … that does not exist yet: an export
    never overwrites the last one (which may be the one already sent to the archive)."""
    if not path.exists():
        return path
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1
