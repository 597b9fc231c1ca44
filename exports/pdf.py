"""The referat as PDF/A-2a: the format the archive takes (Noark 5), tagged for screen readers.

WeasyPrint renders the same HTML as the web page (one layout, one set of escaping rules), embeds
subsets of the fonts it used, writes the XMP metadata that names PDF/A-2, and with the "a"
conformance level tags the structure (headings, tables, lists). It is a well-kept pure-Python
renderer on top of Pango; a LibreOffice round trip would need a second, heavier program at
export time and could not tag from the HTML's structure.
"""

from __future__ import annotations

from typing import Any

from exports import html
from exports.view import Summary

VARIANT = "pdf/a-2a"
INSTALL_HINT = (
    "PDF needs WeasyPrint and the Pango library: install them with "
    "«pip install weasyprint» and, on Debian/Ubuntu, «apt-get install libpango-1.0-0 "
    "libpangoft2-1.0-0 fonts-liberation» (macOS: «brew install pango»; Windows: see "
    "doc.courtbouillon.org/weasyprint)."
)


class PdfUnavailable(RuntimeError):
    """WeasyPrint or its system libraries are missing; the message says what to install."""


def available() -> bool:
    try:
        _weasyprint()
    except PdfUnavailable:
        return False
    return True


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango's shared library not found
        raise PdfUnavailable(INSTALL_HINT) from exc
    return weasyprint


def write(s: Summary) -> bytes:
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html.write(s).decode("utf-8"))
    data: bytes = document.write_pdf(pdf_variant=VARIANT, custom_metadata=True)
    return data
