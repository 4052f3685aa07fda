"""What a store already holds that each street-level file's bookkeeping would otherwise ask again.

Every file needs to know: is this file stored already (its SHA-256), is any of its force-months
held by an older file (then it revises them), which (area, force) pairs are recorded, the
category id of each crime type, and the id of each text in ``street_texts``.  Asked in SQL, that is four or five statements per file; here it
is read once per store and kept up to date, so a file that brings nothing new asks nothing.

It is exact, not a guess: only street ingest adds force-months, (area, force) pairs, street
categories and texts; a store open for writing belongs to one process; and :meth:`StreetState.apply` runs
only after a file's transaction committed, so a rolled-back file changes nothing here either.
(SHA-256s of borough files ingested after the state was read are missing, but no street file
can have a borough file's bytes, and ``sources.sha256`` is UNIQUE besides.)  Where the state can
only say "maybe", SQL decides: a known SHA-256 is looked up for its report, and a force-month
already held sends the file through the revision statements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from factbeat.store.street import sql


@dataclass
class StreetState:
    shas: set[str] = field(default_factory=set)  # sources.sha256, every kind of file
    held: set[tuple[str, date]] = field(default_factory=set)  # (force, month) with a current source
    area_forces: set[tuple[str, str]] = field(default_factory=set)  # rows of street_area_forces
    categories: dict[str, int] = field(default_factory=dict)  # crime type text -> id (street scheme)
    texts: dict[str, int] = field(default_factory=dict)  # rows of street_texts: text -> id

    @classmethod
    def load(cls, con) -> StreetState:
        """Read the store's current state (outside any file's transaction)."""
        return cls({sha for (sha,) in con.execute(sql.STORED_SHAS).fetchall()},
                   {(force, month) for force, month in con.execute(sql.HELD).fetchall()},
                   {(area, force) for area, force in con.execute(sql.KNOWN_AREA_FORCES).fetchall()},
                   texts=dict(con.execute(sql.KNOWN_TEXTS).fetchall()))

    def text_ids(self, texts: list[str], ids: list[int | None], new: dict[str, int]) -> list[int]:
        """``ids`` (each text's id, where already known) completed: stored texts from the state,
        others from ``new`` (this file's new texts, added to it here with the next free ids; the
        caller stores them in the same transaction)."""
        known = self.texts
        out = list(ids)
        for i, text in enumerate(texts):
            if out[i] is None:
                out[i] = known.get(text)
                if out[i] is None:
                    out[i] = new.setdefault(text, len(known) + len(new))
        return out

    def apply(self, added: StateChange) -> None:
        """Add what a committed file added."""
        self.shas.add(added.sha256)
        self.held |= added.held
        self.area_forces |= added.area_forces
        self.categories.update(added.categories)
        self.texts.update(added.texts)


@dataclass
class StateChange:
    """What one file adds to :class:`StreetState` once its transaction commits."""

    sha256: str = ""
    held: set[tuple[str, date]] = field(default_factory=set)
    area_forces: set[tuple[str, str]] = field(default_factory=set)
    categories: dict[str, int] = field(default_factory=dict)
    texts: dict[str, int] = field(default_factory=dict)  # added to street_texts
