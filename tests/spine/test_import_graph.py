"""No import circles anywhere in ``src/factbeat``.

Data flows one way (sources -> store -> stats -> claims/report -> cli/web/batch), so no module
may reach, through any chain of imports, back to itself.  The graph is read from the source with
:mod:`ast` and counts every import: at the top of a module, inside a function, and under
``if TYPE_CHECKING`` (a circle for the type checker is a circle for a reader too).  A package's
own ``__init__`` is not counted as imported by its submodules: Python runs it first, but it is a
front door, and a circle through it shows up as an edge from the ``__init__`` itself.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = "factbeat"


def module_names() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _resolve(module: str, level: int, here: str, is_package: bool) -> str:
    """The absolute name of a (possibly relative) ``from`` import."""
    if not level:
        return module
    base = here.split(".")
    if not is_package:
        base.pop()
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, module] if module else base)


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` imports (``from a import b`` counts ``a.b`` if a module)."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module or "", node.level, name, is_package)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # ``import a.b.c`` where c is a name
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = module_names()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; returns the components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def test_the_checker_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert strongly_connected(graph) == [["a", "b", "c"]]


def test_the_graph_sees_the_store_package():
    graph = import_graph()
    assert "factbeat.store.street.sql" in graph["factbeat.store.schema"] | graph["factbeat.store.catalogue"]
    assert "factbeat.sources.table" in graph["factbeat.store.borough"]


def test_no_import_circles_in_the_package():
    circles = strongly_connected(import_graph())
    assert circles == [], "import circles: " + "; ".join(" <-> ".join(c) for c in circles)


# The one-way flow of docs/architecture.md: a module may import its own layer and the layers
# before it, never a later one (claims and report are one layer: both read statistics).
LAYERS = [
    {"errors", "jsontext", "taxonomy"},
    {"sources"},
    {"store", "register"},
    {"stats"},
    {"claims", "report"},
    {"api"},
    {"batch"},
    {"cli", "web"},
]


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) < 2:
        return None  # the package's front door (factbeat.open) may import anything lazily
    return next((i for i, names in enumerate(LAYERS) if parts[1] in names), None)


def test_every_module_belongs_to_a_layer():
    unplaced = sorted(m for m in import_graph() if "." in m and layer_of(m) is None)
    assert unplaced == [], f"add these to LAYERS and to docs/architecture.md: {unplaced}"


def test_imports_flow_one_way():
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in import_graph().items()
        for target in targets
        if layer_of(module) is not None and layer_of(target) is not None and layer_of(target) > layer_of(module)
    )
    assert upward == [], "imports against the flow: " + "; ".join(upward)
