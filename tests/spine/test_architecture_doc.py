"""docs/architecture.md stays true to the code: every folder and module it names exists, every
folder and top-level module of the package is on the map, and the README links to it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "factbeat"
DOC = ROOT / "docs" / "architecture.md"


def _map_block() -> str:
    return re.search(r"## The map\n+```\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)


def test_the_map_names_every_top_level_folder_and_module():
    names = set(re.findall(r"^  (\S+)", _map_block(), re.M))
    on_disk = {p.name + "/" for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    on_disk |= {p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}
    assert on_disk - names == set(), f"missing from docs/architecture.md: {sorted(on_disk - names)}"
    assert names - on_disk == set(), f"no longer in the code: {sorted(names - on_disk)}"


def test_the_store_files_on_the_map_exist():
    store = re.search(r"^  store/.*?(?=^  \S)", _map_block(), re.M | re.S).group(0)
    for name in re.findall(r"^    (\S+\.py|\S+/)", store, re.M):
        assert (PACKAGE / "store" / name.rstrip("/")).exists(), name


def test_paths_in_backquotes_exist():
    text = DOC.read_text(encoding="utf-8")
    for path in re.findall(r"`((?:sources|store|stats|claims|report|web|tests)/[\w/]+\.py)", text):
        base = ROOT if path.startswith("tests/") else PACKAGE
        assert (base / path).exists(), path


def test_the_readme_links_the_map():
    assert "docs/architecture.md" in (ROOT / "README.md").read_text(encoding="utf-8")
