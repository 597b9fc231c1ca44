"""The `trepart` command line (DESIGN.md's CLI contract).

Usage errors exit 2, failures exit 1, each with one clear sentence on stderr
and never a traceback for a user's mistake.

Every subcommand's parser names its handler with `set_defaults(handler=…)`; `main` parses and
calls it. The commands live by area: `workshops` (new, templates, list, phase, close, delete),
`files` (export, import, backups, restore), `launch` (the TUI, demo, serve, doctor) and
`attendance`; `parsing` holds argparse in bokmål and `common` what the commands share.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from facilitator import venue
from facilitator.cli import attendance, files, launch, workshops
from facilitator.cli.parsing import (
    HOTSPOT_HELP,
    PORT_HELP,
    Handler,
    Parser,
    UserError,
    proxy_address,
)

__all__ = ["UserError", "build_parser", "main"]


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
        "--port", dest="tui_port", type=int, default=None, metavar="PORT", help=PORT_HELP
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
    parser.add_argument(
        "--phones-in-app",
        action="store_true",
        help="(TUI, demo) deltakersiden i appens egen prosess, ikke i en egen ved siden av",
    )
    parser.set_defaults(handler=launch.run_tui)  # no command: the app
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO")
    # In the order `trepart --help` lists them.
    launch.add_demo(sub)
    workshops.add_new(sub)
    launch.add_doctor(sub)
    workshops.add_templates(sub)
    workshops.add_list(sub)
    workshops.add_phase(sub)
    launch.add_serve(sub)
    files.add_export(sub)
    workshops.add_close(sub)
    workshops.add_delete(sub)
    files.add_backups(sub)
    files.add_restore(sub)
    attendance.add_attendance(sub)
    files.add_import(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args, parser)
    except UserError as exc:
        print(f"trepart: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
