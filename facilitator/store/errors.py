"""What a store operation returns (Outcome) and what it raises (StoreError and its kinds).

An operation runs inside a transaction its caller owns and returns its result with the events to
publish once that transaction has committed; the same operation serves the CLI's one-shot commands,
the TUI's key presses and the group-commit writer's batches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from facilitator import events as ev
from facilitator.i18n import N_


class StoreError(Exception):
    """A write that the workshop's state does not allow; `code` is the API's error code.

    `say` is the sentence the facilitator reads (bokmål, marked with N_ so the screens can show
    it in their language), with `values` for its placeholders; the first argument is the detail
    for logs and tests.
    """

    code = "store_error"

    def __init__(self, detail: str = "", *, say: str = "", **values: object) -> None:
        super().__init__(detail or say.format(**values))
        self.say = say
        self.values = values


class NotFound(StoreError):
    code = "not_found"


class PhaseNotOpen(StoreError):
    code = "phase_closed"


class PhaseOver(PhaseNotOpen):
    """A card written for a phase that is no longer the open one (a phone's queue, late)."""

    code = "phase_over"


class Conflict(StoreError):
    code = "conflict"


class StoreUnavailable(StoreError):
    """The database could not commit (locked, read-only, disk full, corrupt); nothing was stored."""

    code = "unavailable"


class InvalidValue(StoreError):
    """A value the workshop's rules do not allow (too many dots, an unknown option)."""

    code = "invalid_value"

    SAY = {  # what the facilitator reads (phones get the API's own messages by code)
        "unknown_option": N_("Det valget finnes ikke i denne avstemningen."),
        "invalid_value": N_("Verdien er utenfor det tillatte."),
        "too_many_dots": N_("For mange prikker: høyst {dots}."),
        "too_many_on_one": N_("Høyst {max} prikker på ett valg."),
    }

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, say=self.SAY.get(code, ""), **params)
        self.code = code
        self.params = params


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    value: T
    events: tuple[ev.Event, ...] = ()
