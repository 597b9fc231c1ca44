"""The commands that start Trepart: the TUI (no command), `demo`, `serve`, `doctor`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator import qr, venue
from facilitator.cli.common import db_of, public_base, resolve, with_store
from facilitator.cli.parsing import DOCTOR_PORT_HELP, UserError, server_args
from facilitator.netinfo import join_url
from facilitator.store import Store

if TYPE_CHECKING:
    from facilitator.cli.parsing import Subcommands


def run_tui(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """`trepart` with no command: the app, on the endpoint given before any command."""
    return tui(
        db_of(args),
        lang=args.lang,
        wifi=args.wifi,
        hotspot=args.hotspot,
        trusted_proxies=frozenset(args.tui_trusted_proxy or ()),
        host=args.tui_host,
        port=args.tui_port,
        endpoint=endpoint(args),
    )


def endpoint(args: argparse.Namespace) -> str:
    """The phones' endpoint in a process of its own, unless --phones-in-app (facilitator/phones.py)."""
    return "app" if getattr(args, "phones_in_app", False) else "process"


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


def add_demo(sub: Subcommands) -> None:
    demo = sub.add_parser("demo", help="prøv Trepart med et simulert publikum")
    demo.add_argument("--audience", type=int, default=24, help="antall simulerte telefoner (24)")
    demo.add_argument(
        "--pace", type=float, default=1.0, help="tempo: 1 = ekte sal, 0.1 = ti ganger raskere"
    )
    server_args(demo)
    demo.set_defaults(handler=demo_command)


def demo_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.db is not None:
        parser.error(
            "demo bruker alltid en ny database som slettes etterpå, så --db kan ikke brukes "
            "med demo; åpne din egen database med «trepart --db FIL»"
        )
    return demo(args)


def demo(args: argparse.Namespace) -> int:
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
        from facilitator.demo import Audience  # aiohttp's client: after the QR code is up

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
            endpoint=endpoint(args),
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # a throw-away room; exports are in Documents


def add_doctor(sub: Subcommands) -> None:
    doctor = sub.add_parser(
        "doctor", help="adresser, porter, brannmur og hotspot: sjekk før salen kommer"
    )
    doctor.add_argument("--port", type=int, default=None, help=DOCTOR_PORT_HELP)
    doctor.set_defaults(handler=doctor_command)


def doctor_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from facilitator import doctor
    from facilitator.i18n import set_ui_language

    set_ui_language(args.lang)  # bokmål, or English with --lang en, like the screens
    return doctor.run(args.port)


def add_serve(sub: Subcommands) -> None:
    serve = sub.add_parser("serve", help="deltakersiden uten TUI")
    serve.add_argument("workshop", metavar="WS")
    server_args(serve)
    serve.set_defaults(handler=with_store(serve_workshop))


def serve_workshop(store: Store, args: argparse.Namespace) -> int:
    from facilitator.server import create_web_app, origin, start

    ws = resolve(store, args.workshop)

    async def main() -> None:
        app = create_web_app(store, trusted_proxies=frozenset(args.trusted_proxy or ()))
        store.watcher.watch(ws.id)  # `trepart phase` in another shell reaches the phones
        store.watcher.start()
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
            await store.watcher.stop()
            await runner.cleanup()

    from facilitator.server.app import run_serving

    with contextlib.suppress(KeyboardInterrupt):
        run_serving(main())
    return 0
