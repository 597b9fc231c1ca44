"""What the commands share: the database, the workshop named on the command line, the address
phones are told, and operating-system errors in Norwegian."""

from __future__ import annotations

import argparse
import errno
from collections.abc import Callable
from pathlib import Path

from facilitator import netinfo, paths
from facilitator.cli.parsing import Handler, UserError
from facilitator.model import Workshop
from facilitator.netinfo import lan_address
from facilitator.settings import DEFAULT_PORT
from facilitator.store import Store

StoreCommand = Callable[[Store, argparse.Namespace], int]

STATUS_WORDS = {
    "draft": "klar",
    "running": "pågår",
    "closed": "avsluttet",
    "pending": "venter",
    "open": "åpen",
}


def db_of(args: argparse.Namespace) -> Path:
    """--db, else TREPART_DB or the user's data folder."""
    db: Path = args.db or paths.default_db()
    return db


def open_store(db: Path) -> Store:
    try:
        return Store(db)
    except Exception as exc:  # sqlite3.DatabaseError, OSError, a newer schema
        raise UserError(f"Kunne ikke åpne databasen {db}: {exc}") from None


def with_store(command: StoreCommand) -> Handler:
    """The handler of a command that works on the database: opened before, closed after."""

    def handler(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
        store = open_store(db_of(args))
        try:
            return command(store, args)
        finally:
            store.close()

    return handler


def resolve(store: Store, ref: str) -> Workshop:
    ws = store.resolve(ref)
    if ws is None:
        raise UserError(f"Fant ingen workshop med id eller kode «{ref}». Se «trepart list».")
    return ws


def in_use(store: Store) -> None:
    """Refuse to delete or restore under a running Trepart (serve or the app)."""
    from facilitator.store.filelock import FileInUse

    try:
        store.claim()
    except FileInUse:
        raise UserError(
            f"{store.path} er åpen i en annen Trepart (serve eller appen). Avslutt den først;"
            " ingenting er endret."
        ) from None


def why(exc: OSError) -> str:
    """An operating-system error in Norwegian, for the common cases."""
    return {
        errno.ENOENT: "filen eller mappen finnes ikke",
        errno.EACCES: "mangler tilgang",
        errno.EPERM: "mangler tilgang",
        errno.ENOSPC: "disken er full",
        errno.EISDIR: "det er en mappe",
        errno.EROFS: "disken er skrivebeskyttet",
    }.get(exc.errno or 0, exc.strerror or str(exc))


def lan_base() -> str:
    """This machine's address on the default port: where a phone would join a workshop that is
    not being served yet (`new`, `list --json`, `export`'s QR codes)."""
    return f"http://{lan_address()}:{DEFAULT_PORT}"


def public_base(args: argparse.Namespace, port: int) -> str:
    if args.public_url:
        return str(args.public_url)
    return netinfo.public_base(args.host, port)
