"""The layout shows the flow: each layer imports only itself and the layers below it, no
module imports itself back through others, and Arrow stays behind the output boundary."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pipeline", "extractors", "schemas")

# Lowest first: a module may import from its own layer or any layer before it.
LAYERS = (
    "pipeline",  # the package root: the version only
    "pipeline.model",
    "schemas",
    "pipeline.loaders",
    "extractors",
    "pipeline.rules",
    "pipeline.process",
    "pipeline.output",
    "pipeline.review",
    "pipeline.batch",
    "pipeline.cli",
)
ARROW_ALLOWED = ("pipeline.output", "schemas")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}


def layer_of(module: str) -> int:
    """The most specific layer naming the module or one of its parents."""
    best = max((name for name in LAYERS if module == name or module.startswith(name + ".")), key=len)
    return LAYERS.index(best)


def is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imported_names(tree: ast.AST, importer: str) -> list[str]:
    """Every absolute module name imported anywhere in the file (function bodies too)."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and is_type_checking(node):
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = importer.split(".")[: -node.level or None] if importer in MODULES else []
                base = ".".join([*package, base] if base else package)
            submodules = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES]
            if len(submodules) < len(node.names):  # names from the module itself, not only its submodules
                found.append(base)
            found.extend(submodules)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def project_imports(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    return {name for name in imported_names(tree, module) if name in MODULES and name != module}


GRAPH = {module: project_imports(module) for module in MODULES}


def test_every_module_has_a_layer():
    assert all(layer_of(m) >= 0 for m in MODULES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_upward_import(module):
    upward = sorted(dep for dep in GRAPH[module] if layer_of(dep) > layer_of(module))
    assert not upward, f"{module} ({LAYERS[layer_of(module)]}) imports upward: {upward}"


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components of more than one module are cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
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
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return components


def test_no_import_cycles():
    cycles = [sorted(c) for c in strongly_connected(GRAPH) if len(c) > 1]
    assert not cycles, f"import cycles: {cycles}"


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert [sorted(c) for c in strongly_connected(graph) if len(c) > 1] == [["a", "b", "c"]]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_arrow_only_behind_the_output_boundary(module):
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    uses_arrow = any(name == "pyarrow" or name.startswith("pyarrow.") for name in imported_names(tree, module))
    allowed = any(module == a or module.startswith(a + ".") for a in ARROW_ALLOWED)
    assert allowed or not uses_arrow, f"{module} imports pyarrow outside {ARROW_ALLOWED}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_private_names_from_other_modules(module):
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    private = sorted(f"{node.module}.{alias.name}" for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) and node.module in MODULES
                     for alias in node.names if alias.name.startswith("_") and not alias.name.startswith("__"))
    assert not private, f"{module} imports private names: {private}"
