"""Files in and out: `export`, `import`, `backups`, `restore`."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from exports.formats import COMMAND_LINE, for_output
from facilitator import venue
from facilitator.cli.common import db_of, in_use, lan_base, resolve, why, with_store
from facilitator.cli.parsing import UserError
from facilitator.netinfo import join_url
from facilitator.store import Store, StoreError

if TYPE_CHECKING:
    from facilitator.cli.parsing import Subcommands


def add_export(sub: Subcommands) -> None:
    export = sub.add_parser("export", help="eksporter referatet")
    export.add_argument("workshop", metavar="WS")
    export.add_argument("--format", required=True, choices=list(COMMAND_LINE))
    export.add_argument("-o", "--output", type=Path)
    export.add_argument(
        "--public-url",
        default=None,
        help="adressen på QR-koden og arket (standard: denne maskinen)",
    )
    export.add_argument(
        "--internal",
        action="store_true",
        help="intern versjon: med innholdet i saker unntatt offentlighet (standard: offentlig)",
    )
    export.set_defaults(handler=with_store(export_workshop))


def export_workshop(store: Store, args: argparse.Namespace) -> int:
    from exports import files as names
    from exports.formats import ExportJob
    from exports.pdf import PdfUnavailable

    ws = resolve(store, args.workshop)
    output: Path | None = args.output
    fmt = for_output(args.format, "" if output is None else output.suffix)
    job = ExportJob(
        store,
        ws.id,
        lang=args.lang,
        join_url=join_url(args.public_url or lan_base(), ws.code),
        wifi=venue.chosen_wifi(args.wifi, ws),
        internal=args.internal,
    )
    try:
        files = fmt.files(job)
    except PdfUnavailable as exc:
        raise UserError(str(exc)) from None
    target: Path = output or Path(files[0][0])
    if str(target) == "-":
        sys.stdout.buffer.write(files[0][1])
        return 0
    written = []
    target = names.free_path(target)  # never over last week's referat
    for index, (name, data) in enumerate(files):
        # The first file goes where -o says; companions (CSV's actions) sit beside it.
        path = (
            target
            if index == 0
            else names.free_path(
                target.with_name(target.stem + name.removeprefix(files[0][0].rsplit(".", 1)[0]))
            )
        )
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise UserError(f"Kunne ikke skrive {path}: {why(exc)}.") from None
        written.append(str(path))
    print("Skrev " + ", ".join(written))
    return 0


def add_backups(sub: Subcommands) -> None:
    backups = sub.add_parser("backups", help="list sikkerhetskopiene (tas ved hvert faseskifte)")
    backups.set_defaults(handler=with_store(list_backups))


def list_backups(store: Store, args: argparse.Namespace) -> int:
    for file in store.backups():
        print(file)
    if not store.backups():
        print("Ingen sikkerhetskopier ennå (de tas ved hvert faseskifte).")
    return 0


def add_restore(sub: Subcommands) -> None:
    restore = sub.add_parser("restore", help="gå tilbake til en sikkerhetskopi (med appen lukket)")
    restore.add_argument("backup", type=Path, metavar="FILE")
    restore.set_defaults(handler=with_store(restore_backup))


def restore_backup(store: Store, args: argparse.Namespace) -> int:
    db = db_of(args)
    source: Path = args.backup
    if not source.exists():
        raise UserError(f"Fant ikke {source}. Se «trepart backups».")
    if not Store.is_intact(source):
        raise UserError(f"{source} er ikke en hel Trepart-database.")
    in_use(store)
    safety = store.backup("for-gjenoppretting")
    store.close()
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, db)
    print(
        f"Gjenopprettet {db} fra {source}."
        + (f" Forrige tilstand er lagret i {safety}." if safety else "")
    )
    return 0


def add_import(sub: Subcommands) -> None:
    imported = sub.add_parser("import", help="gjenopprett en workshop fra JSON-eksporten")
    imported.add_argument("file", type=Path, metavar="FILE.json")
    imported.set_defaults(handler=with_store(import_workshop))


def import_workshop(store: Store, args: argparse.Namespace) -> int:
    from facilitator.store.archive_fields import ArchiveInvalid
    from facilitator.store.archive_schema import parse

    try:
        document = parse(args.file.read_text(encoding="utf-8"))
        ws = store.load(document)
    except OSError as exc:
        raise UserError(f"Kunne ikke lese {args.file}: {why(exc)}.") from None
    except UnicodeDecodeError:
        raise UserError(f"{args.file} er ikke en JSON-fil (ikke UTF-8).") from None
    except ArchiveInvalid as exc:
        raise UserError(
            f"{args.file} er ikke en gyldig Trepart-eksport: {exc} Ingenting er lagret."
        ) from None
    except StoreError as exc:
        raise UserError(f"{args.file} kan ikke importeres: {exc}. Ingenting er lagret.") from None
    print(f"Workshop {ws.id} gjenopprettet: {ws.title}. Kode: {ws.code}")
    return 0
