"""Figures and rankings for grounding, each computed once.

A story asks for the same figure many times (a change reads both ends, a share reads London's
total, a rank reads all 32 boroughs).  :class:`Lookups` memoises identical lookups for one
request; rankings are also kept across requests, keyed by (measure, period, by, order, store
generation), so a server checking many stories ranks each measure once until the data change.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import contextmanager
from typing import Any

from factbeat.errors import FactbeatError
from factbeat.taxonomy.areas import Area
from factbeat.taxonomy.measures import Measure
from factbeat.taxonomy.periods import Period

_RANK_CACHE: OrderedDict[tuple, Any] = OrderedDict()
_RANK_LOCK = threading.Lock()
_RANK_CACHE_SIZE = 512
_FIGURE_CACHE: OrderedDict[tuple, Any] = OrderedDict()  # figures too, per store generation
_FIGURE_CACHE_SIZE = 20_000
_SCHEME_CACHE: OrderedDict[tuple, Any] = OrderedDict()  # the contemporary scheme of each figure asked, likewise
_SCHEME_CACHE_SIZE = 20_000


class Lookups:
    """Memoised ``figure`` and ``rank`` calls against one open store."""

    def __init__(self, fb) -> None:
        self.fb = fb
        self._figures: dict[tuple, Any] = {}
        self._stored: dict[str, bool] = {}
        self._schemes: dict[tuple, str | None] = {}  # see contemporary_scheme
        self._contemporary = False  # see contemporary_schemes
        self.calls = 0

    def stored(self, measure: Measure) -> bool:
        """Whether the store has categories for the measure (else only the figures register can help)."""
        if measure.key not in self._stored:
            self._stored[measure.key] = bool(self.fb.catalog.schemes_for(measure))
        return self._stored[measure.key]

    def registered(self, area: Area, measure: Measure, period: Period):
        """A figure from the register (FOI answers, statements), as Evidence or Missing."""
        key = ("register", area.code, measure.key, period.start, period.end)
        if key not in self._figures:
            from factbeat.claims.ground.evidence import _registered

            self._figures[key] = _registered(self.fb, area, measure, period)
        return self._figures[key]

    def registered_change(self, area: Area, measure: Measure, period: Period):
        """A registered percent change whose later period starts with ``period``, or None."""
        figures = self.fb.registered(area, measure, "percent_change")
        return next((f for f in figures if f.period_start == period.start.isoformat()), None)

    def _generation(self) -> int:
        store = getattr(self.fb, "store", None)
        return getattr(store, "generation", 0)

    def figure(self, area: Area, measure: Measure, period: Period, scheme: str | None = None):
        """The stored figure, or a :class:`FactbeatError` (returned, not raised) saying why there is none."""
        if scheme is None and self._contemporary:
            scheme = self.contemporary_scheme(area, measure, period)
        key = (area.code, measure.key, tuple(sorted(measure.categories)), period.start, period.end, scheme)
        if key not in self._figures:
            self._figures[key] = self._shared(_FIGURE_CACHE, _FIGURE_CACHE_SIZE, (*key, self._store_key()),
                                              lambda: self.fb.figure(area, measure, period, scheme, with_others=False))
        return self._figures[key]

    def contemporary_scheme(self, area: Area, measure: Measure, period: Period) -> str | None:
        """:func:`~factbeat.stats.counts.contemporary_scheme` of the store, worked out once per
        (area, measure, period) and store generation: a check asks it for every figure it reads
        in the published scheme of the time (both ends of a change, each alternative reading),
        and each asking went through the catalogue's areas and months again."""
        key = (area.code, measure.key, tuple(sorted(measure.categories)), period.start, period.end)
        if key not in self._schemes:
            from factbeat.stats.counts import contemporary_scheme

            found = self._shared(_SCHEME_CACHE, _SCHEME_CACHE_SIZE, (*key, self._store_key()),
                                 lambda: contemporary_scheme(self.fb.catalog, measure, period, area))
            if isinstance(found, FactbeatError):
                raise found  # (as the uncached call raises it: none is expected)
            self._schemes[key] = found
        return self._schemes[key]

    @contextmanager
    def contemporary_schemes(self):
        """Within the block, figures come in the scheme the MPS published at the time they cover
        (legacy categories to 2018) instead of today's default; yields whether that changes any."""
        self._contemporary = True
        try:
            yield self.fb.catalog is not None
        finally:
            self._contemporary = False

    def rank(self, measure: Measure, period: Period, by: str, order: str):
        """The ranking of the boroughs, or the :class:`FactbeatError` saying why there is none."""
        key = (measure.key, tuple(sorted(measure.categories)), period.start, period.end, by, order, self._store_key())
        return self._shared(_RANK_CACHE, _RANK_CACHE_SIZE, key, lambda: self.fb.rank(measure, period, by=by, order=order))

    def wards_of(self, borough_code: str) -> list[Area]:
        """The stored wards of a borough (current codes only), listed once per store generation."""
        def compute() -> list[Area]:
            from factbeat.taxonomy.wards import small_area_by_code

            codes = sorted(code for scheme, stored in self.fb.catalog.areas.items() if scheme.endswith("_ward")
                           for code in stored)
            return [a for a in (small_area_by_code(c) for c in dict.fromkeys(codes)) if a is not None
                    and a.kind == "ward" and a.parent == borough_code and "@" not in a.code and ":" not in a.code]

        return self._shared(_RANK_CACHE, _RANK_CACHE_SIZE, ("wards", borough_code, self._store_key()), compute)

    def _store_key(self) -> tuple:
        """Which store and which generation of it: cached results never outlive an ingest."""
        store = getattr(self.fb, "store", None)
        return (str(getattr(store, "path", id(self.fb))), self._generation())

    def _shared(self, cache: OrderedDict, size: int, key: tuple, compute):
        """``compute()`` once per key across requests (errors too), least recently used dropped first."""
        with _RANK_LOCK:
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
        self.calls += 1
        try:
            result = compute()
        except FactbeatError as exc:
            result = exc
        with _RANK_LOCK:
            cache[key] = result
            while len(cache) > size:
                cache.popitem(last=False)
        return result
