"""The referat as its readers get it on paper: Word through LibreOffice, the PDF/A from WeasyPrint,
both rendered to pages with pdftoppm. The demo's minutes keep their body on three pages and no
table cell breaks a word; the PDF is PDF/A-2 with every font embedded and tagged.

LibreOffice and poppler-utils are Debian packages that .ci/run installs, as are Pango and the
Liberation fonts WeasyPrint needs.
"""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from exports import render
from facilitator.cli import main
from facilitator.store import Store
from tests import demo_fixture, steering_fixture

APPENDIX = "Vedlegg: alle innspill"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, int]:
    store = Store(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    yield store, demo_fixture.build(store)  # type: ignore[misc]
    store.close()


def _docx_to_pdf(docx: Path) -> Path:
    profile = docx.parent / "lo-profile"  # its own profile: parallel runs do not collide
    subprocess.run(
        [
            "libreoffice",
            f"-env:UserInstallation=file://{profile.as_posix()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx.parent),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return docx.with_suffix(".pdf")


def _pages(pdf: Path) -> list[str]:
    """Each page's text as laid out (columns side by side), through poppler's pdftotext."""
    count = len(PdfReader(pdf).pages)
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for n in range(1, count + 1)
    ]


def _page_images(pdf: Path) -> list[Path]:
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(pdf), str(pdf.with_suffix(""))],
        check=True,
        capture_output=True,
    )
    return sorted(pdf.parent.glob(f"{pdf.stem}-*.png"))


def _body_pages(pages: list[str]) -> int:
    return next(i for i, text in enumerate(pages) if APPENDIX in text)


def _unbroken(cells: list[str], pages: list[str]) -> list[str]:
    """The words of table cells that do not appear whole on any page: a word broken mid-word
    shows up as two fragments ("Fokusom", "råde") on two lines of its cell."""
    printed = {w.strip(".,:;()") for text in pages for w in text.split()}
    missing = []
    for cell in cells:
        for word in cell.split():
            word = word.strip(".,:;()")
            parts = [p for p in re.split(r"(?<=-)", word) if p]  # a break after a hyphen is fine
            if len(word) > 2 and word not in printed and not all(p in printed for p in parts):
                missing.append(word)
    return missing


def test_the_demo_word_file_keeps_its_body_on_three_pages_without_broken_words(
    demo: tuple[Store, int], tmp_path: Path
) -> None:
    store, ws_id = demo
    name, data = render(store, ws_id, "docx")[0]
    docx = tmp_path / name
    docx.write_bytes(data)
    pdf = _docx_to_pdf(docx)
    pages = _pages(pdf)
    assert len(_page_images(pdf)) == len(pages)
    assert _body_pages(pages) <= 3, f"the body runs to {_body_pages(pages)} pages"
    cells = [c.text for t in Document(io.BytesIO(data)).tables for c in t._cells]
    assert "Fokusområde" in cells and "Administrasjon" in cells
    assert _unbroken(cells, pages) == []


def test_the_demo_pdf_keeps_its_body_on_three_pages_without_broken_words(
    demo: tuple[Store, int], tmp_path: Path
) -> None:
    store, ws_id = demo
    name, data = render(store, ws_id, "pdf")[0]
    pdf = tmp_path / name
    pdf.write_bytes(data)
    pages = _pages(pdf)
    assert len(_page_images(pdf)) == len(pages)
    assert _body_pages(pages) <= 3
    html = render(store, ws_id, "html")[0][1].decode()
    cells = [
        re.sub(r"<[^>]+>", "", c).replace("&amp;", "&")
        for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", html)
    ]
    assert _unbroken(cells, pages) == []


def _fonts(reader: PdfReader) -> list[DictionaryObject]:
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            font = font.get_object()
            fonts += [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
    return fonts


def test_the_pdf_is_pdf_a_2_tagged_with_every_font_embedded(store: Store, tmp_path: Path) -> None:
    ws_id = steering_fixture.build(store)
    name, data = render(store, ws_id, "pdf")[0]
    assert name == "2027-01-26 Styringsgruppe trepartssamarbeid.pdf"
    reader = PdfReader(io.BytesIO(data))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(>|=\")2", xmp), "XMP names PDF/A-2"
    assert re.search(r"pdfaid:conformance(>|=\")A", xmp), "level A: tagged"
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "nb"
    fonts = _fonts(reader)
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Sak 05/27 Åpen post" in text and steering_fixture.SECRET not in text
    assert "Nordvik kommune" in text and "Knut Eide" in text


def test_without_weasyprint_pdf_export_says_what_to_install(
    store: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from exports import pdf

    def missing() -> None:
        raise pdf.PdfUnavailable(pdf.INSTALL_HINT)

    monkeypatch.setattr(pdf, "_weasyprint", missing)
    steering_fixture.build(store)
    assert main(["--db", str(store.path), "export", "STYR27", "--format", "pdf"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "pip install weasyprint" in err
    assert "libpango" in err
