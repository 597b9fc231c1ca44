"""Workshops from a shell: `new`, `templates`, `list`, `phase`, `close`, `delete`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from facilitator import templates
from facilitator.cli.common import STATUS_WORDS, in_use, lan_base, resolve, with_store
from facilitator.cli.parsing import UserError, iso_date, title_text
from facilitator.netinfo import join_url
from facilitator.store import NotFound, Store, StoreError

if TYPE_CHECKING:
    from facilitator.cli.parsing import Subcommands


def add_new(sub: Subcommands) -> None:
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
    new.set_defaults(handler=with_store(new_workshop))


def new_workshop(store: Store, args: argparse.Namespace) -> int:
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
    url = join_url(lan_base(), ws.code)
    if args.json:
        print(json.dumps({"id": ws.id, "code": ws.code, "url": url, "title": ws.title}))
    else:
        print(f"Workshop {ws.id} opprettet. Kode: {ws.code}")
    return 0


def add_templates(sub: Subcommands) -> None:
    sub.add_parser("templates", help="list malene").set_defaults(handler=list_templates)


def list_templates(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    for t in templates.TEMPLATES.values():
        print(f"{t.key:18} {t.name} – {t.description}")
    return 0


def add_list(sub: Subcommands) -> None:
    listing = sub.add_parser("list", help="list workshops")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=with_store(list_workshops))


def list_workshops(store: Store, args: argparse.Namespace) -> int:
    workshops = store.list_workshops()
    if args.json:
        base = lan_base()
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


def add_phase(sub: Subcommands) -> None:
    phase = sub.add_parser("phase", help="styr fasene fra et skript")
    phase.add_argument("workshop", metavar="WS")
    phase.add_argument("verb", choices=["open", "next", "previous", "close"])
    phase.add_argument("number", nargs="?", metavar="N|next|previous")
    phase.set_defaults(handler=phase_command)


def phase_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """`phase WS open N|next|previous`: the number is checked before the database is opened."""
    if args.verb == "open":
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
    return with_store(step_phase)(args, parser)


def step_phase(store: Store, args: argparse.Namespace) -> int:
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


def add_close(sub: Subcommands) -> None:
    closing = sub.add_parser("close", help="avslutt en workshop: telefonene kan ikke sende mer")
    closing.add_argument("workshop", metavar="WS")
    closing.set_defaults(handler=with_store(close_workshop))


def close_workshop(store: Store, args: argparse.Namespace) -> int:
    ws = resolve(store, args.workshop)
    store.close_workshop(ws.id)
    print(f"Workshop {ws.id} «{ws.title}» er avsluttet.")
    return 0


def add_delete(sub: Subcommands) -> None:
    delete = sub.add_parser("delete", help="slett en workshop helt, også fra sikkerhetskopiene")
    delete.add_argument("workshop", metavar="WS")
    delete.add_argument("--yes", action="store_true", help="ikke spør først")
    delete.set_defaults(handler=with_store(delete_workshop))


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
