"""The `trepart` command line (DESIGN.md's CLI contract).

Usage errors exit 2, failures exit 1, each with one clear sentence on stderr
and never a traceback for a user's mistake.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import errno
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Any, NoReturn

from exports.formats import COMMAND_LINE, for_output
from facilitator import cli_attendance, netinfo, paths, qr, templates, venue
from facilitator.model import parse_date
from facilitator.netinfo import join_url, lan_address
from facilitator.store import NotFound, Store, StoreError


class UserError(Exception):
    """A mistake the user can fix; printed as one sentence, exit code 1."""


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help with its own words in bokmål too ("bruk:", not "usage:")."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def,unused-ignore]
        super().add_usage(usage, actions, groups, "bruk: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse, but in bokmål: its help, and a usage error as one sentence with exit code 2."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def,unused-ignore]
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs["add_help"] = False  # added below, with a Norwegian description
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "valg"
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help="vis denne hjelpen og avslutt",
        )

    PATTERNS = (
        (re.compile(r"the following arguments are required: (.+)"), "mangler {0}"),
        (
            re.compile(r"argument (\S+): invalid choice: '([^']*)'.*"),
            "«{1}» er ikke et gyldig valg for {0}",
        ),
        (
            re.compile(r"argument (\S+): invalid int value: '([^']*)'"),
            "{0} må være et tall, ikke «{1}»",
        ),
        (re.compile(r"unrecognized arguments: (.+)"), "ukjente argumenter: {0}"),
        (re.compile(r"argument (\S+): expected one argument"), "{0} trenger en verdi"),
        (re.compile(r"argument (\S+): (.+)"), "{0}: {1}"),
    )

    def error(self, message: str) -> NoReturn:
        for pattern, norwegian in self.PATTERNS:
            if match := pattern.fullmatch(message):
                message = norwegian.format(*match.groups())
                break
        self.exit(2, f"trepart: {message}. Se «{self.prog} --help».\n")


def iso_date(value: str) -> str:
    if not value:
        return ""
    if (iso := parse_date(value)) is None:
        raise argparse.ArgumentTypeError(f"datoen «{value}» skrives DD.MM.ÅÅÅÅ eller ÅÅÅÅ-MM-DD")
    return iso


def title_text(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("tittelen kan ikke være tom")
    return value.strip()


STATUS_WORDS = {
    "draft": "klar",
    "running": "pågår",
    "closed": "avsluttet",
    "pending": "venter",
    "open": "åpen",
}


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="trepart", description="Workshops for kommunalt trepartssamarbeid.")
    parser.add_argument(
        "--db", type=Path, help="databasefil (standard: TREPART_DB eller brukerens datamappe)"
    )
    # The TUI's own endpoint (the demo and serve take theirs after the command).
    parser.add_argument(
        "--host",
        dest="tui_host",
        default="0.0.0.0",
        metavar="HOST",
        help="adressen deltakersiden lytter på (standard: alle nettverk)",
    )
    parser.add_argument(
        "--port",
        dest="tui_port",
        type=int,
        default=None,
        metavar="PORT",
        help="porten (standard: 8080 eller neste ledige)",
    )
    parser.add_argument(
        "--lang",
        choices=["nb", "nn", "se", "en"],
        default="nb",
        help="språk: referatet i alle fire; skjermene i bokmål eller engelsk (en)",
    )
    parser.add_argument(
        "--trusted-proxy",
        action="append",
        type=proxy_address,
        dest="tui_trusted_proxy",
        metavar="ADDR",
        help="(TUI) en omvendt proxy som får navngi telefonen i X-Forwarded-For",
    )
    parser.add_argument(
        "--wifi",
        type=venue.wifi_arg,
        metavar="SSID[:PASSORD]",
        help="nettet telefonene skal på: en Wi-Fi-QR-kode ved siden av bli-med-koden",
    )
    parser.add_argument("--hotspot", action="store_true", help=HOTSPOT_HELP)
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")

    demo = sub.add_parser("demo", help="prøv Trepart med et simulert publikum")
    demo.add_argument("--audience", type=int, default=24, help="antall simulerte telefoner (24)")
    demo.add_argument(
        "--pace", type=float, default=1.0, help="tempo: 1 = ekte sal, 0.1 = ti ganger raskere"
    )
    _server_args(demo)

    new = sub.add_parser("new", help="lag en workshop fra en mal")
    new.add_argument("--template", required=True, metavar="KEY")
    new.add_argument("--title", required=True, type=title_text)
    new.add_argument("--municipality", default="")
    new.add_argument("--date", default="", type=iso_date)
    new.add_argument("--place", default="")
    new.add_argument(
        "--follow-up", metavar="WS", help="neste møte i serien til WS, med åpne tiltak"
    )
    new.add_argument("--json", action="store_true")

    doctor = sub.add_parser(
        "doctor", help="adresser, porter, brannmur og hotspot: sjekk før salen kommer"
    )
    doctor.add_argument("--port", type=int, default=None, help="porten som sjekkes (8080)")

    sub.add_parser("templates", help="list malene")
    listing = sub.add_parser("list", help="list workshops")
    listing.add_argument("--json", action="store_true")

    phase = sub.add_parser("phase", help="styr fasene fra et skript")
    phase.add_argument("workshop", metavar="WS")
    phase.add_argument("verb", choices=["open", "next", "previous", "close"])
    phase.add_argument("number", nargs="?", metavar="N|next|previous")

    serve = sub.add_parser("serve", help="deltakersiden uten TUI")
    serve.add_argument("workshop", metavar="WS")
    _server_args(serve)

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

    closing = sub.add_parser("close", help="avslutt en workshop: telefonene kan ikke sende mer")
    closing.add_argument("workshop", metavar="WS")
    delete = sub.add_parser("delete", help="slett en workshop helt, også fra sikkerhetskopiene")
    delete.add_argument("workshop", metavar="WS")
    delete.add_argument("--yes", action="store_true", help="ikke spør først")
    sub.add_parser("backups", help="list sikkerhetskopiene (tas ved hvert faseskifte)")
    restore = sub.add_parser("restore", help="gå tilbake til en sikkerhetskopi (med appen lukket)")
    restore.add_argument("backup", type=Path, metavar="FILE")

    cli_attendance.add_parser(sub)

    imported = sub.add_parser("import", help="gjenopprett en workshop fra JSON-eksporten")
    imported.add_argument("file", type=Path, metavar="FILE.json")
    return parser


def _server_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=None, help="8080 eller neste ledige")
    parser.add_argument("--public-url", default=None, help="adressen telefonene bruker")
    parser.add_argument(
        "--trusted-proxy",
        action="append",
        type=proxy_address,
        metavar="ADDR",
        help="en omvendt proxy (adresse eller nett) som får navngi telefonen i X-Forwarded-For",
    )
    parser.add_argument(
        "--hotspot", action="store_true", default=argparse.SUPPRESS, help=HOTSPOT_HELP
    )


HOTSPOT_HELP = "svar på telefonenes nettsjekk på maskinens egen hotspot (aldri på et delt nett)"


def proxy_address(value: str) -> str:
    from facilitator.server.origin import parse_proxies

    try:
        return next(iter(parse_proxies([value])))
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{value}» er ikke en IP-adresse eller et nett") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return run(args, parser)
    except UserError as exc:
        print(f"trepart: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    command = args.command
    if command == "templates":
        for t in templates.TEMPLATES.values():
            print(f"{t.key:18} {t.name} – {t.description}")
        return 0
    if command == "demo":
        if args.db is not None:
            parser.error(
                "demo bruker alltid en ny database som slettes etterpå, så --db kan ikke brukes "
                "med demo; åpne din egen database med «trepart --db FIL»"
            )
        return demo(args)
    if command == "doctor":
        from facilitator import doctor
        from facilitator.i18n import set_ui_language

        set_ui_language(args.lang)  # bokmål, or English with --lang en, like the screens
        return doctor.run(args.port)
    db = args.db or paths.default_db()
    if command is None:
        return tui(
            db,
            lang=args.lang,
            wifi=args.wifi,
            hotspot=args.hotspot,
            trusted_proxies=frozenset(args.tui_trusted_proxy or ()),
            host=args.tui_host,
            port=args.tui_port,
        )
    if command == "phase" and args.verb == "open":
        if args.number is None:
            parser.error(
                "phase open trenger et fasenummer eller next, for eksempel: "
                "trepart phase K7QX3M open 2"
            )
        if args.number in ("next", "previous"):
            args.verb, args.number = args.number, None
        elif not str(args.number).isdigit():
            parser.error(f"fasen må være et nummer, next eller previous, ikke «{args.number}»")
        else:
            args.number = int(args.number)
    store = open_store(db)
    try:
        if command == "new":
            return new(store, args)
        if command == "list":
            return list_workshops(store, args)
        if command == "phase":
            return phase(store, args)
        if command == "serve":
            return serve(store, args)
        if command == "export":
            return export(store, args)
        if command == "import":
            return import_workshop(store, args)
        if command == "attendance":
            return cli_attendance.run(store, resolve(store, args.workshop).id, args, UserError)
        if command == "close":
            ws = resolve(store, args.workshop)
            store.close_workshop(ws.id)
            print(f"Workshop {ws.id} «{ws.title}» er avsluttet.")
            return 0
        if command == "delete":
            return delete_workshop(store, args)
        if command == "backups":
            for file in store.backups():
                print(file)
            if not store.backups():
                print("Ingen sikkerhetskopier ennå (de tas ved hvert faseskifte).")
            return 0
        if command == "restore":
            return restore(store, db, args)
    finally:
        store.close()
    parser.error(f"ukjent kommando {command}")
    return 2


def open_store(db: Path) -> Store:
    try:
        return Store(db)
    except Exception as exc:  # sqlite3.DatabaseError, OSError, a newer schema
        raise UserError(f"Kunne ikke åpne databasen {db}: {exc}") from None


def resolve(store: Store, ref: str):  # type: ignore[no-untyped-def,unused-ignore]
    ws = store.resolve(ref)
    if ws is None:
        raise UserError(f"Fant ingen workshop med id eller kode «{ref}». Se «trepart list».")
    return ws


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


def public_base(args: argparse.Namespace, port: int) -> str:
    if args.public_url:
        return str(args.public_url)
    return netinfo.public_base(args.host, port)


def new(store: Store, args: argparse.Namespace) -> int:
    try:
        if args.follow_up:
            previous = resolve(store, args.follow_up)
            ws = store.create_follow_up(
                previous.id, args.template, title=args.title, date=args.date, place=args.place
            )
        else:
            ws = store.create_workshop(
                args.template,
                title=args.title,
                municipality=args.municipality,
                date=args.date,
                place=args.place,
            )
    except KeyError as exc:
        raise UserError(str(exc.args[0])) from None
    url = join_url(f"http://{lan_address()}:8080", ws.code)
    if args.json:
        print(json.dumps({"id": ws.id, "code": ws.code, "url": url, "title": ws.title}))
    else:
        print(f"Workshop {ws.id} opprettet. Kode: {ws.code}")
    return 0


def list_workshops(store: Store, args: argparse.Namespace) -> int:
    workshops = store.list_workshops()
    if args.json:
        base = f"http://{lan_address()}:8080"
        print(
            json.dumps(
                [
                    {
                        "id": w.id,
                        "code": w.code,
                        "url": join_url(base, w.code),
                        "title": w.title,
                        "status": w.status.value,
                    }
                    for w in workshops
                ],
                ensure_ascii=False,
            )
        )
        return 0
    if not workshops:
        print("Ingen workshops ennå. Lag en med «trepart new --template tana-oppstart --title …».")
    for w in workshops:
        print(
            f"{w.id:4}  {w.code}  {STATUS_WORDS[w.status.value]:9}  {w.title}"
            + (f" ({w.municipality})" if w.municipality else "")
        )
    return 0


def phase(store: Store, args: argparse.Namespace) -> int:
    ws = resolve(store, args.workshop)
    try:
        if args.verb == "open":
            store.open_phase(ws.id, args.number)
        elif args.verb == "next":
            store.step_phase(ws.id, 1)
        elif args.verb == "previous":
            store.step_phase(ws.id, -1)
        else:
            store.close_phase(ws.id)
    except NotFound:
        count = len(store.state(ws.id).phases)
        raise UserError(
            f"Workshopen har ingen fase {args.number}; den har fase 1–{count}."
        ) from None
    except StoreError as exc:
        raise UserError(f"Kunne ikke endre fase: {exc}") from None
    current = store.state(ws.id).current_phase
    if current is None:
        print("Ingen fase er åpen.")
    else:
        print(f"Fase {current.position}: {current.title} ({STATUS_WORDS[current.status.value]})")
    return 0


def export(store: Store, args: argparse.Namespace) -> int:
    from exports import files as names
    from exports import render
    from exports.pdf import PdfUnavailable

    ws = resolve(store, args.workshop)
    fmt = for_output(args.format, "" if args.output is None else args.output.suffix).name
    try:
        files = render(
            store,
            ws.id,
            fmt,
            lang=args.lang,
            join_url=join_url(args.public_url or f"http://{lan_address()}:8080", ws.code),
            wifi=venue.chosen_wifi(args.wifi, ws),
            internal=args.internal,
        )
    except PdfUnavailable as exc:
        raise UserError(str(exc)) from None
    target: Path = args.output or Path(files[0][0])
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


def delete_workshop(store: Store, args: argparse.Namespace) -> int:
    ws = resolve(store, args.workshop)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("Sletting må bekreftes: legg til --yes.")
        answer = input(f"Slette «{ws.title}» ({ws.code}) med alle innspill for godt? Skriv ja: ")
        if answer.strip().lower() not in ("ja", "j", "yes"):
            print("Ingenting er slettet.")
            return 0
    in_use(store)
    removed = store.delete_workshop(ws.id)
    print(f"Slettet «{ws.title}» ({ws.code}) og {removed} sikkerhetskopier som inneholdt den.")
    return 0


def in_use(store: Store) -> None:
    from facilitator.store.filelock import FileInUse

    try:
        store.claim()
    except FileInUse:
        raise UserError(
            f"{store.path} er åpen i en annen Trepart (serve eller appen). Avslutt den først;"
            " ingenting er endret."
        ) from None


def restore(store: Store, db: Path, args: argparse.Namespace) -> int:

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


def import_workshop(store: Store, args: argparse.Namespace) -> int:
    from facilitator.store.archive_schema import ArchiveInvalid, parse

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


def serve(store: Store, args: argparse.Namespace) -> int:
    from facilitator.server import create_web_app, origin, start

    ws = resolve(store, args.workshop)

    async def main() -> None:
        app = create_web_app(store, trusted_proxies=frozenset(args.trusted_proxy or ()))
        if args.hotspot:
            from facilitator.server import captive

            captive.install(
                app,
                hotspot_target=lambda: url,
                own_names=venue.own_names(args.public_url),
            )
        try:
            runner, port = await start(app, args.host, args.port)
        except OSError as exc:
            raise UserError(f"Kunne ikke starte serveren: {exc.strerror or exc}") from None
        url = join_url(public_base(args, port), ws.code)
        origin.allow(app, url)
        if args.hotspot:
            from facilitator.server import captive

            problem = await captive.also_on_port(runner, args.host, venue.HOTSPOT_PORT)
            if problem:
                print(f"Hotspot: kunne ikke lytte på port 80 ({problem}).", file=sys.stderr)
        if wifi := venue.chosen_wifi(args.wifi, ws):
            print("\n".join(venue.wifi_lines(wifi)))
        print("\n".join(qr.text_lines(url)))
        print(f"{ws.title} – kode {ws.code}")
        print(f"Deltakerside: {url}", flush=True)
        print("Trykk Ctrl+C for å stoppe.", flush=True)
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()

    with contextlib.suppress(KeyboardInterrupt):
        run_serving(main())
    return 0


def run_serving(main: Coroutine[Any, Any, None]) -> None:
    """`trepart serve` owns its loop: uvloop where it is installed (not on Windows), which
    carries each request with less CPU than asyncio's own loop. The TUI keeps Textual's loop."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
        return
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        runner.run(main)


def tui(db: Path, workshop_id: int | None = None, **kwargs: object) -> int:
    from facilitator.app import TrepartApp

    try:
        app = TrepartApp(db, workshop_id=workshop_id, **kwargs)  # type: ignore[arg-type]
    except Exception as exc:
        raise UserError(f"Kunne ikke åpne databasen {db}: {exc}") from None
    app.run()
    if app.return_code:
        return app.return_code
    return 0


def demo(args: argparse.Namespace) -> int:
    from facilitator.demo import Audience

    folder = Path(tempfile.mkdtemp(prefix="trepart-demo-"))
    db = folder / "demo.sqlite"
    store = Store(db)
    ws = store.create_workshop(
        "tana-oppstart",
        title=(
            "Kick-off seminar, tripartite cooperation"
            if args.lang == "en"
            else "Oppstartsseminar trepartssamarbeid"
        ),
        municipality="Tana kommune",
        date=dt.date.today().isoformat(),
        place="Kommunestyresalen",
    )
    store.close()

    def audience(base_url: str) -> object:
        return Audience(base_url, ws.code, phones=args.audience, pace=args.pace).run()

    print(f"Demo-database: {db} (slettes når demoen avsluttes)")
    try:
        return tui(
            db,
            ws.id,
            host=args.host,
            port=args.port,
            public_url=args.public_url,
            trusted_proxies=frozenset(args.trusted_proxy or ()),
            audience=audience if args.audience > 0 else None,
            lang=args.lang,
            wifi=args.wifi,
            hotspot=args.hotspot,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # a throw-away room; exports are in Documents


if __name__ == "__main__":
    raise SystemExit(main())
