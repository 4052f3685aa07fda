"""Category ids: one per (scheme, major, minor), created the first time a file names them.

Names are matched by their key (:func:`factbeat.taxonomy.text.name_key`), so a later file that
spells a category with different case or spacing shares the id of the first.
"""

from __future__ import annotations

from factbeat.taxonomy.text import name_key


def category_ids(con, scheme: str, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """(major, minor) -> category id, creating ids the scheme has not seen (in the open transaction)."""
    known = {
        (r[0], r[1]): r[2]
        for r in con.execute(
            "SELECT major_key, minor_key, category_id FROM categories WHERE scheme = ?",
            [scheme],
        ).fetchall()
    }
    out = {}
    for major, minor in pairs:
        key = (name_key(major), name_key(minor))
        if key not in known:
            known[key] = con.execute("SELECT nextval('category_id_seq')").fetchall()[0][0]
            con.execute(
                "INSERT INTO categories VALUES (?,?,?,?,?,?)",
                [known[key], scheme, major, minor, *key],
            )
        out[(major, minor)] = known[key]
    return out


def street_category_ids(con, scheme: str, crime_types: list[str]) -> dict[str, int]:
    """Street crime types are major categories with an empty minor, so ``[Burglary]`` selects them."""
    ids = category_ids(con, scheme, [(name, "") for name in crime_types])
    return {name: ids[(name, "")] for name in crime_types}
