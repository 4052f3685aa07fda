"""The Python API: one object with every operation the CLI and the web app offer.

``factbeat.open(path)`` returns a :class:`Factbeat`.  Arguments are the words a user types
('Barnet', 'violent crime', '2016/17'); they are resolved through the taxonomy here, once, so the
shells (CLI, HTTP) stay thin and give the same answers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from factbeat.stats.catalog import Catalog
from factbeat.store import IngestReport, Store
from factbeat.taxonomy.areas import Area, all_areas
from factbeat.taxonomy.measures import Measure, concepts, resolve_measure
from factbeat.taxonomy.periods import Period, parse_period


class Factbeat:
    """A store plus the statistics over it."""

    def __init__(self, db: str | os.PathLike | None = None, *, read_only: bool = False,
                 threads: int | None = None) -> None:
        self.store = Store(db, read_only=read_only, threads=threads)
        self.catalog = Catalog(self.store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Factbeat:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- names ---------------------------------------------------------------------------------
    def area(self, text: str | Area) -> Area:
        """A borough, London, a force, or a ward or LSOA ('Highgate, Camden'; see taxonomy/wards.py)."""
        from factbeat.taxonomy.wards import resolve_place

        return text if isinstance(text, Area) else resolve_place(text)

    def measure(self, text: str | Measure) -> Measure:
        return text if isinstance(text, Measure) else resolve_measure(text, self.catalog.scheme_categories())

    def period(self, text: str | Period) -> Period:
        if isinstance(text, Period):
            return text
        months = [m for scheme_months in self.catalog.months.values() for m in scheme_months]
        return parse_period(text, latest=max(months) if months else None)

    def areas(self) -> list[Area]:
        """London's areas, then districts and forces learned from stored street-level data."""
        from factbeat.taxonomy.areas import learned_areas

        return list(all_areas()) + sorted(learned_areas(), key=lambda a: (a.kind, a.name))

    def measures(self) -> list[dict]:
        """Documented measures with the schemes they are stored in."""
        return [
            {**m.to_dict(), "aliases": list(m.aliases), "stored_in": self.catalog.schemes_for(m)}
            for m in concepts()
        ]

    # -- ingest --------------------------------------------------------------------------------
    def ingest(
        self,
        paths: Iterable[str | os.PathLike],
        *,
        encoding: str = "utf-8",
        url: str | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        accept_new_categories: bool = False,
        accept_shrink: bool = False,
    ) -> list[IngestReport]:
        """Ingest files, folders and zip archives in one transaction: all of them are stored or none.

        Folders are read in name order (``YYYY-MM...`` files are then chronological, so later
        revisions win); data.police.uk outcomes and stop-and-search files are skipped with a note.
        ``on_progress(done, total)`` hears rows stored and rows expected (see factbeat.store.ingest).
        Categories their scheme does not publish are refused unless ``accept_new_categories``;
        a street file that would drop a large share of a force-month's rows is refused unless
        ``accept_shrink`` (see docs/reliability.md).
        """
        from factbeat.store.ingest import IngestOptions, ingest_paths

        options = IngestOptions(accept_new_categories=accept_new_categories, accept_shrink=accept_shrink)
        try:
            return ingest_paths(self.store, paths, encoding=encoding, url=url, on_progress=on_progress,
                                options=options)
        finally:
            self.catalog.refresh()

    def coverage(self) -> dict:
        """Street-level coverage per force and month: rows, rows without location, missing months."""
        from factbeat.stats.coverage import coverage

        return coverage(self.catalog)

    def sources(self) -> list[dict]:
        """Stored files; ``url`` is the official address, never a local path (see public_url)."""
        from factbeat.stats.provenance import public_url

        return [{**row, "url": public_url(row)} for row in self.store.sources()]

    # -- statistics ----------------------------------------------------------------------------
    def figure(self, area, measure, period, scheme: str | None = None, *, with_others: bool = True,
               per: int | None = None):
        """``with_others=False`` skips counting the other stored schemes (callers that only need the count);
        ``per`` sets the rate base (default: 100,000 for rare crimes such as homicide and gun crime, else 1,000)."""
        from factbeat.stats.counts import figure

        return figure(self.catalog, self.area(area), self.measure(measure), self.period(period), scheme,
                      with_others=with_others, per=per)

    def change(self, area, measure, before, after, scheme: str | None = None, *, with_others: bool = True):
        """``with_others=False``: without the counts in the other stored schemes (the terminal
        sentence does not show them; each is a query)."""
        from factbeat.stats.change import change

        return change(self.catalog, self.area(area), self.measure(measure), self.period(before), self.period(after),
                      scheme, with_others=with_others)

    def share(self, area, measure, period, scheme: str | None = None, *, with_others: bool = True):
        """``with_others=False`` as for :meth:`change`."""
        from factbeat.stats.share import share

        return share(self.catalog, self.area(area), self.measure(measure), self.period(period), scheme,
                     with_others=with_others)

    def rank(self, measure, period, *, by: str = "rate", order: str = "desc", scheme: str | None = None,
             within=None):
        """A ranking, computed once per store generation for each (measure, period, by, order,
        scheme, within) and shared after that: treat it as read-only."""
        from factbeat.stats.rank import rank

        area = self.area(within) if within is not None else None
        m, p = self.measure(measure), self.period(period)
        key = ("rank", m.key, tuple(m.categories.items()), p, by, order, scheme, area.code if area else None)
        return self.catalog.remembered(
            key, lambda: rank(self.catalog, m, p, by=by, order=order, scheme=scheme, within=area))

    def borough_map(self, measure, period, *, by: str = "rate", highlight=None, boundaries=None,
                    mirror: str | None = None, per: int | None = None, scheme: str | None = None) -> dict:
        """A choropleth of the boroughs (Vega-Lite spec, data inlined; see report/maps.py).

        ``boundaries`` is a GeoJSON file of the boroughs; by default the ONS file in the mirror
        (``--mirror`` or ``FACTBEAT_MIRROR``).  ``highlight`` names a borough to outline.
        """
        from factbeat.report.maps import borough_map
        from factbeat.sources.boundaries import boundaries_path, read_boundaries

        measure = self.measure(measure)
        ranking = self.rank(measure, period, by=by, order="desc", scheme=scheme)
        area = self.area(highlight) if highlight is not None else None
        features = read_boundaries(boundaries or boundaries_path(mirror))
        base = per or measure.rate_per
        what = f"per {base:,} residents" if by == "rate" else "offences recorded"
        from factbeat.taxonomy.schemes import get_scheme

        caveat = ["incomplete data: some borough counts are lower bounds (see factbeat rank)"] if not ranking.complete else []
        title = {"text": f"{measure.label}, {ranking.period.label}: {what}",
                 "subtitle": [f"{get_scheme(ranking.scheme).label}; quantile classes; grey: no data (the City of London has its own police)"]
                 + caveat + ([f"outlined: {area.name}"] if area else [])}
        return borough_map(ranking.to_dict(), features, highlight=area.code if area else None, per=base, title=title)

    def revisions(self, area, measure, period, scheme: str | None = None) -> dict:
        """What earlier files said for this figure's months, against the current values."""
        from factbeat.stats.revisions import revisions

        return revisions(self.catalog, self.area(area), self.measure(measure), self.period(period), scheme)

    def series(self, area, measure, grain: str = "month", scheme: str | None = None):
        """Counts by month or calendar year for a trend chart, in one scheme."""
        from factbeat.stats.series import series

        return series(self.catalog, self.area(area), self.measure(measure), grain, scheme)

    def download(self, names: Iterable[str], mirror: str | None = None, *,
                 on_progress: Callable[[int, int], None] | None = None) -> list[IngestReport]:
        """Fetch the named catalogue datasets (all files first), then ingest them in one transaction.

        Fetching everything before ingesting means a failed or interrupted download stores nothing,
        and one transaction for all the files means a bad file stores nothing either: the error
        names it (line and field) and says the files read before it were not stored.
        """
        from factbeat.sources.catalogue import expand
        from factbeat.sources.download import locate
        from factbeat.store.ingest import ingest_paths

        mirror = mirror or os.environ.get("FACTBEAT_MIRROR") or None
        located = [(locate(ds, f, mirror), ds, f) for ds in expand(list(names)) for f in ds.files]
        paths, urls = [], {}
        for (path, address), dataset, file in located:
            # A local mirror is where the bytes were read, not where they are published.
            official = address if address.startswith(("http://", "https://")) and not mirror else file.url or dataset.page
            paths.append(path)
            urls[str(path)] = official
        try:
            return ingest_paths(self.store, paths, urls=urls, on_progress=on_progress)
        finally:
            self.catalog.refresh()

    # -- claims --------------------------------------------------------------------------------
    def check(self, text: str, date=None, *, ground: bool = True, budget: float | None = 30.0):
        """Find and check every numeric claim in ``text``, then compare them with the stored data.

        ``budget`` is the seconds the whole check may take (30 by default, as
        ``claims.limits.DEFAULT_BUDGET``, written out so that opening factbeat does not load the
        claim checker; ``None``: no limit):
        when it runs out, the result holds the claims of the sentences checked so far and a
        notice in ``result.notes`` (``stopped after 10 s: 120 of 300 sentences checked``).
        """
        from factbeat.claims import check_text
        from factbeat.claims.limits import Budget

        clock = Budget(budget)  # started now, so grounding spends what the reading leaves
        result = check_text(text, date=date, budget=clock)
        if ground:
            from factbeat.claims.ground.grounding import ground_result

            ground_result(self, result)
        return result

    def register(self, path: str | os.PathLike) -> dict:
        """Load a figures register (docs/register.md) so claims can be checked against it."""
        from factbeat.register import load_register

        result = load_register(self.store, path)
        self.catalog.refresh()
        return result

    def registered(self, area, measure, kind: str = "count") -> list:
        """Registered figures for an area and measure, every period (none without a register:
        known once per store generation, so a claim does not ask the store)."""
        if not self.catalog.has_table("registered_figures"):
            return []
        from factbeat.register import registered_figures

        return registered_figures(self.store, self.area(area).code, self.measure(measure).key, kind)

