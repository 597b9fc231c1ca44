"""`trepart attendance WS add NAME --party KEY [--role R] [--absent|--deputy]` and `… list`.

The secretary's Til stede / Forfall list from a shell, for a list kept in a spreadsheet or typed
before the meeting. Names live beside the workshop, never beside a card, a vote or a rating.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from facilitator.cli.common import resolve, with_store
from facilitator.cli.parsing import UserError
from facilitator.meeting import Presence
from facilitator.store import Store, StoreError, minutes

if TYPE_CHECKING:
    from facilitator.cli.parsing import Subcommands

WORDS = {Presence.PRESENT: "til stede", Presence.ABSENT: "forfall", Presence.DEPUTY: "vara"}


def add_attendance(sub: Subcommands) -> None:
    parser = sub.add_parser(
        "attendance", help="deltakerlisten: navn, rolle, til stede eller forfall"
    )
    parser.add_argument("workshop", metavar="WS")
    verbs = parser.add_subparsers(dest="verb", metavar="add|list", required=True)
    add = verbs.add_parser("add", help="før opp en person")
    add.add_argument("name", metavar="NAVN")
    add.add_argument("--party", required=True, metavar="KEY")
    add.add_argument("--role", default="", metavar="ROLLE", help="f.eks. ordfører")
    presence = add.add_mutually_exclusive_group()
    presence.add_argument("--absent", action="store_true", help="meldt forfall")
    presence.add_argument("--deputy", "--vara", action="store_true", help="møter som vara")
    verbs.add_parser("list", help="vis listen per part")
    parser.set_defaults(handler=with_store(run))


def run(store: Store, args: argparse.Namespace) -> int:
    workshop_id = resolve(store, args.workshop).id
    state = store.state(workshop_id)
    if args.verb == "add":
        keys = [p.key for p in state.parties]
        if args.party not in keys:
            raise UserError(f"Ukjent part «{args.party}». Partene er: {', '.join(keys)}.")
        status = (
            Presence.ABSENT if args.absent else Presence.DEPUTY if args.deputy else Presence.PRESENT
        )
        try:
            store.write(minutes.add_attendee, workshop_id, args.party, args.name, args.role, status)
        except StoreError as exc:
            raise UserError(f"Kunne ikke føre opp {args.name}: {exc}.") from None
        print(f"{' '.join(args.name.split())} ({WORDS[status]}) er ført opp for {args.party}.")
        return 0
    people = store.read(minutes.attendees, workshop_id)
    if not people:
        print("Ingen er ført opp ennå. Legg til med «trepart attendance WS add NAVN --party KEY».")
    for party in state.parties:
        mine = [a for a in people if a.party_key == party.key]
        if not mine:
            continue
        print(party.name)
        for a in mine:
            print(f"  {a.name}" + (f", {a.role}" if a.role else "") + f" – {WORDS[a.status]}")
    return 0
