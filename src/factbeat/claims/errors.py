"""Errors raised by the claim checker.

Kept inside ``factbeat.claims`` (rather than in ``factbeat.errors``) because only the text side of
the checker raises them; they still derive from :class:`factbeat.errors.FactbeatError` so the CLI
and web boundaries translate them like every other user-fixable problem.
"""

from __future__ import annotations

from factbeat.errors import FactbeatError


class ClaimInputError(FactbeatError):
    """The text to check cannot be read, or an argument to the checker is malformed.

    ``source`` names the file (or ``"-"`` for stdin) so the message can say which input failed.
    """

    status = 400

    def __init__(self, message: str, *, source: str | None = None) -> None:
        self.source = source
        super().__init__(f"{source}: {message}" if source else message)

    def to_dict(self) -> dict:
        return {"error": str(self), "type": type(self).__name__, "source": self.source}
