"""The exceptions factbeat raises, rooted at one base class.

Every boundary (CLI, HTTP API) translates these once: the CLI into a one-line message and exit
code, the web app into the shared JSON error body.  Each class carries the HTTP status it maps
to, so the web layer never has to guess.
"""

from __future__ import annotations

from collections.abc import Sequence


class FactbeatError(Exception):
    """Base class: something the user can fix, explained in the message."""

    status = 400

    def to_dict(self) -> dict:
        return {"error": str(self), "type": type(self).__name__}

    def with_note(self, note: str) -> FactbeatError:
        """The same error (same class and fields) with ``note`` added to its message."""
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.args = (str(self) + note,)
        return clone


class InputFileError(FactbeatError):
    """A data file cannot be read or fails validation.

    Carries the file, line and field so the message can point at the exact cell.
    ``problems`` lists every bad cell found (up to a limit), not only the first.
    """

    status = 422

    def __init__(
        self,
        path: str,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        problems: Sequence[str] = (),
    ) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        self.problems = list(problems)
        where = self.path
        if line is not None:
            where += f", line {line}"
        if field is not None:
            where += f", field {field!r}"
        text = f"{where}: {message}"
        if len(self.problems) > 1:
            text += f" ({len(self.problems)} problems; first ones: " + "; ".join(self.problems[:5]) + ")"
        super().__init__(text)

    def renamed(self, shown: str) -> InputFileError:
        """The same error naming ``shown`` (``archive.zip!entry``, say) instead of the temporary
        copy the reader was given, which no longer exists when the user reads the message."""
        clone = self.with_note("")
        clone.path = shown
        clone.args = (str(self).replace(self.path, shown, 1),)
        return clone

    def to_dict(self) -> dict:
        return {
            "error": str(self),
            "type": type(self).__name__,
            "file": self.path,
            "line": self.line,
            "field": self.field,
            "problems": self.problems,
        }


class UnknownFormatError(InputFileError):
    """The header matches none of the formats factbeat knows."""


class UnknownNameError(FactbeatError):
    """An area, measure, period or scheme that factbeat does not know, with suggestions."""

    status = 404

    def __init__(self, kind: str, value: str, suggestions: Sequence[str] = (), hint: str | None = None) -> None:
        self.kind = kind
        self.value = value
        self.suggestions = list(suggestions)
        self.hint = hint
        text = f"unknown {kind} {value!r}"
        if self.suggestions:
            text += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        if hint:
            text += f" ({hint})"
        super().__init__(text)

    def to_dict(self) -> dict:
        return {
            "error": str(self),
            "type": type(self).__name__,
            "kind": self.kind,
            "value": self.value,
            "suggestions": self.suggestions,
            "hint": self.hint,
        }


class NoDataError(FactbeatError):
    """The store has nothing for the request (e.g. a measure in no stored scheme for that period)."""

    status = 404


class DownloadError(FactbeatError):
    """A dataset could not be fetched completely; nothing was stored."""

    status = 502


class ArchiveSafetyError(InputFileError):
    """A zip archive entry is unsafe (absolute path, '..', symlink, or a zip bomb)."""


class UnexpectedInputError(InputFileError):
    """Reading a file failed in a way no check foresaw: a bug in factbeat, reported with the file.

    The ingest command still names the file and stores nothing of it; the fuzz tests
    (tests/reliability) fail if any generated file ends here, so each case gets its own check.
    """

    @classmethod
    def of(cls, shown: str, exc: BaseException) -> UnexpectedInputError:
        error = cls(shown, f"cannot be read ({type(exc).__name__}: {str(exc)[:200]}); this is a bug in "
                    "factbeat, please report it with the file (-v shows where); nothing was stored")
        error.__cause__ = exc
        return error


class StoreBusyError(FactbeatError):
    """Another process holds the store's write lock for longer than we are willing to wait."""

    status = 503


class ShrinkError(InputFileError):
    """A revision would drop a large share of the rows stored for a period (``--accept-shrink``)."""
