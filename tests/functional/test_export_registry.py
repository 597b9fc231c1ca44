"""One registry of export formats (issue 16): the command line, the export dialog and the writers
read it, and every format in it writes a file with its suffix; the port lives only in settings."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from exports import formats, pdf, render
from exports.formats import BY_NAME, COMMAND_LINE, FORMATS, REFERAT_FORMATS, for_output
from facilitator.cli import build_parser, common, main
from facilitator.model import Workshop
from facilitator.settings import DEFAULT_PORT
from facilitator.store import Store
from facilitator.wifi import Wifi

CLI = Path(__file__).parents[2] / "facilitator" / "cli"


def needs_pdf(fmt: formats.ExportFormat) -> None:
    if fmt.name == "pdf" and not pdf.available():
        pytest.skip("WeasyPrint or Pango is not installed")


def export_choices() -> list[str]:
    parser = build_parser()
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    [action] = [a for a in sub.choices["export"]._actions if a.dest == "format"]
    return list(action.choices or ())


def test_the_command_line_offers_the_registrys_formats() -> None:
    assert export_choices() == list(COMMAND_LINE)
    assert tuple(f.name for f in FORMATS if f.variant_of is None) == COMMAND_LINE
    # A variant is reached through its format: `--format handout -o bord.png`.
    for variant in (f for f in FORMATS if f.variant_of is not None):
        assert variant.variant_of in COMMAND_LINE
        assert for_output(variant.variant_of, variant.suffix.upper()) is variant
        assert for_output(variant.variant_of, ".pdf") is BY_NAME[variant.variant_of]


def test_the_export_dialog_lists_the_registrys_formats() -> None:
    from screens.export_dialog import FORMATS as DIALOG

    assert [
        (formats.ALL_LABEL, formats.ALL),
        *((f.label, f.name) for f in FORMATS),
    ] == DIALOG


def test_the_registry_is_consistent() -> None:
    assert len(BY_NAME) == len(FORMATS)  # no name twice
    assert all(f.suffix.startswith(".") and f.suffix == f.suffix.lower() for f in FORMATS)
    assert REFERAT_FORMATS == ("docx", "pdf", "html", "md", "xlsx", "csv")
    # Only the archive holds per-phone data, and only it asks once more; it is no referat.
    assert [f.name for f in FORMATS if not f.anonymous] == ["archive"]
    assert [f.name for f in FORMATS if f.needs_confirmation] == ["archive"]
    assert not BY_NAME["archive"].referat


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_every_format_renders_from_the_registry(
    store: Store, workshop: Workshop, fmt: formats.ExportFormat
) -> None:
    needs_pdf(fmt)
    url = f"http://10.0.0.5:{DEFAULT_PORT}/j/{workshop.code}"
    job = formats.ExportJob(store, workshop.id, join_url=url, wifi=Wifi("Kommune Gjest"))
    files = fmt.files(job)
    assert files and all(data for _name, data in files)
    assert all(name.endswith(fmt.suffix) for name, _data in files)
    # render() is the same writer (names only: the PDF handout and XLSX carry the time of writing).
    again = render(store, workshop.id, fmt.name, join_url=url, wifi=Wifi("Kommune Gjest"))
    assert [name for name, _data in again] == [name for name, _data in files]


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_every_format_exports_from_the_command_line(
    db_path: Path,
    workshop: Workshop,
    tmp_path: Path,
    fmt: formats.ExportFormat,
    capsys: pytest.CaptureFixture[str],
) -> None:
    needs_pdf(fmt)
    target = tmp_path / "out" / f"eksport{fmt.suffix}"
    target.parent.mkdir()
    name = fmt.variant_of or fmt.name
    argv = ["--db", str(db_path), "export", workshop.code, "--format", name, "-o", str(target)]
    assert main(argv) == 0
    assert capsys.readouterr().out.startswith(f"Skrev {target}")
    written = sorted(target.parent.iterdir())
    assert target in written and target.stat().st_size > 0
    assert all(path.suffix == fmt.suffix for path in written)


def test_the_help_names_the_port_from_settings(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["demo", "--help"], ["serve", "--help"], ["doctor", "--help"]):
        with pytest.raises(SystemExit) as exit:
            main(argv)
        assert exit.value.code == 0
        assert str(DEFAULT_PORT) in " ".join(capsys.readouterr().out.split()), argv


def test_the_port_is_written_only_in_settings() -> None:
    for source in sorted(CLI.glob("*.py")):
        assert "8080" not in source.read_text(encoding="utf-8"), source.name


def test_the_join_url_of_a_new_workshop_takes_the_default_port(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(common, "DEFAULT_PORT", 9123)
    monkeypatch.setattr(common, "lan_address", lambda: "10.1.2.3")
    argv = ["--db", str(db_path), "new", "--template", "tana-oppstart", "--title", "T", "--json"]
    assert main(argv) == 0
    url = json.loads(capsys.readouterr().out)["url"]
    assert url.startswith("http://10.1.2.3:9123/j/")
