"""The handout's two writers: PDF (fpdf2) and PNG (Pillow), from one exports.handout.Layout.

fpdf2 is pure Python and embeds a TrueType font, so the PDF carries every letter of the Sami
steps (č, đ, ŋ, š, ŧ, ž) on any laptop; the font is a Latin subset of DejaVu Sans shipped in
exports/fonts (its licence beside it), so no system font is needed on Windows, macOS or Linux.
"""

from __future__ import annotations

import io
from pathlib import Path

from exports.handout import PAGE_H, PAGE_W, Code, Layout, Text
from facilitator import qr

FONTS = Path(__file__).parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
DPI = 150
SMALLEST = 0.6  # a line too long for its box shrinks, to at most 60 % of its size


def _runs(modules: list[list[bool]]) -> list[tuple[int, int, int]]:
    """(row, first column, length) of each horizontal run of dark modules: fewer rectangles."""
    runs = []
    for y, row in enumerate(modules):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append((y, start, x - start))
            else:
                x += 1
    return runs


def pdf_bytes(page: Layout) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(REGULAR))
    pdf.add_font("DejaVu", "B", str(BOLD))
    pdf.set_title(page.title)
    pdf.set_lang(page.lang)
    pdf.set_creator("Trepart")
    pdf.add_page()
    for item in page.items:
        if isinstance(item, Code):
            modules = qr.matrix(item.data)
            unit = item.size / len(modules)
            pdf.set_fill_color(0, 0, 0)
            for y, x, length in _runs(modules):
                pdf.rect(item.x + x * unit, item.y + y * unit, length * unit, unit, style="F")
        else:
            style = "B" if item.bold else ""
            size = item.size
            pdf.set_font("DejaVu", style, size)
            while pdf.get_string_width(item.text) > item.w and size > item.size * SMALLEST:
                size -= 0.5
                pdf.set_font("DejaVu", style, size)
            pdf.set_xy(item.x, item.y)
            pdf.cell(item.w, size * 0.3528 * 1.2, item.text, align=item.align)
    return bytes(pdf.output())


def _px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


def png_bytes(page: Layout) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (_px(PAGE_W), _px(PAGE_H)), 255)
    draw = ImageDraw.Draw(image)
    for item in page.items:
        if isinstance(item, Code):
            modules = qr.matrix(item.data)
            unit = max(1, _px(item.size) // len(modules))  # whole pixels keep the modules sharp
            left, top = _px(item.x), _px(item.y)
            for y, x, length in _runs(modules):
                draw.rectangle(
                    (
                        left + x * unit,
                        top + y * unit,
                        left + (x + length) * unit - 1,
                        top + (y + 1) * unit - 1,
                    ),
                    fill=0,
                )
        else:
            draw_text(draw, item, ImageFont)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI))
    return buffer.getvalue()


def draw_text(draw: object, item: Text, image_font: object) -> None:
    path = str(BOLD if item.bold else REGULAR)
    size = item.size
    font = image_font.truetype(path, round(size / 72 * DPI))  # type: ignore[attr-defined]
    while draw.textlength(item.text, font=font) > _px(item.w) and size > item.size * SMALLEST:  # type: ignore[attr-defined]
        size -= 0.5
        font = image_font.truetype(path, round(size / 72 * DPI))  # type: ignore[attr-defined]
    if item.align == "C":
        xy, anchor = (_px(item.x + item.w / 2), _px(item.y)), "ma"
    else:
        xy, anchor = (_px(item.x), _px(item.y)), "la"
    draw.text(xy, item.text, font=font, fill=0, anchor=anchor)  # type: ignore[attr-defined]
