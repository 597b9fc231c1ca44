"""argparse in bokmål, the argument types, and what every command's handler is.

A usage error exits 2 with one sentence on stderr (`Parser.error`); a failure the user can fix
raises `UserError`, which `main` prints as one sentence with exit code 1.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NoReturn

from facilitator.model import parse_date
from facilitator.settings import DEFAULT_PORT

# What each subcommand's parser names with set_defaults(handler=…): the parsed arguments and
# the top-level parser (for a usage error that says «Se «trepart --help»») in, the exit code out.
Handler = Callable[[argparse.Namespace, argparse.ArgumentParser], int]

# The port is settings' (DEFAULT_PORT); every help text that names it reads it from there.
PORT_HELP = f"porten (standard: {DEFAULT_PORT} eller neste ledige)"
SERVER_PORT_HELP = f"{DEFAULT_PORT} eller neste ledige"
DOCTOR_PORT_HELP = f"porten som sjekkes ({DEFAULT_PORT})"
HOTSPOT_HELP = "svar på telefonenes nettsjekk på maskinens egen hotspot (aldri på et delt nett)"


class UserError(Exception):
    """A mistake the user can fix; printed as one sentence, exit code 1."""


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help with its own words in bokmål too ("bruk:", not "usage:")."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "bruk: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse, but in bokmål: its help, and a usage error as one sentence with exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
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


if TYPE_CHECKING:
    Subcommands = argparse._SubParsersAction[Parser]  # what each area adds its commands to


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


def proxy_address(value: str) -> str:
    from facilitator.server.origin import parse_proxies

    try:
        return next(iter(parse_proxies([value])))
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{value}» er ikke en IP-adresse eller et nett") from None


def server_args(parser: argparse.ArgumentParser) -> None:
    """The participant page's endpoint, for the commands that start it (demo, serve)."""
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=None, help=SERVER_PORT_HELP)
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
