"""The package layout keeps its promises: no import cycles, every module imports, every dependency is used.

The import graph is read from the source (every `import` statement, including those inside
functions and under TYPE_CHECKING), so a cycle hidden behind a deferred import is caught too.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import extractor

ROOT = Path(extractor.__file__).parent
PROJECT = ROOT.parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(PROJECT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules `name` imports (a name imported from a package counts if it is a module)."""
    out: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                if f"{base}.{alias.name}" in known:
                    out.add(f"{base}.{alias.name}")
                elif base in known:
                    out.add(base)
    out.discard(name)
    return out


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_a_module_that_imports_it_back() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_check_sees_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# Which package may import which: data flows one way (read -> parse -> monitor -> changes; cli on top).
LAYERS = {
    "extractor.textkit": set(),
    "extractor.lexicon": {"extractor.textkit"},
    "extractor.read": {"extractor.textkit"},
    "extractor.parse": {"extractor.textkit", "extractor.lexicon", "extractor.read"},
    "extractor.changes": {"extractor.textkit", "extractor.lexicon"},
    "extractor.export": {"extractor.textkit", "extractor.lexicon", "extractor.changes"},
    "extractor.evaluate": {"extractor.textkit", "extractor.read", "extractor.parse"},
    # The stateful side sits above the pure core; the CLI may use every package but none uses it.
    "extractor.monitor": {"extractor.textkit", "extractor.lexicon", "extractor.read", "extractor.parse",
                          "extractor.changes"},
    # A watcher syncs each page after its check (the watch file's `sync`); sync knows nothing of watching.
    "extractor.watch": {"extractor.textkit", "extractor.lexicon", "extractor.read", "extractor.parse",
                        "extractor.changes", "extractor.monitor", "extractor.sync"},
    "extractor.sync": {"extractor.textkit", "extractor.lexicon", "extractor.read", "extractor.parse",
                       "extractor.changes", "extractor.monitor"},
}
BASE = {"extractor.models", "extractor.errors", "extractor.options", "extractor.about"}


def test_packages_import_only_the_layers_below_them() -> None:
    wrong = []
    for module, targets in _graph().items():
        package = next((p for p in LAYERS if module == p or module.startswith(p + ".")), None)
        if package is None:
            continue
        for target in targets:
            if target in BASE or target == package or target.startswith(package + "."):
                continue
            if not any(target == p or target.startswith(p + ".") for p in LAYERS[package]):
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_every_module_imports_on_its_own() -> None:
    # A fresh interpreter per run: an import that works only after another module was loaded fails here.
    names = [m.name for m in pkgutil.walk_packages(extractor.__path__, "extractor.") if m.name != "extractor.__main__"]
    code = "import importlib, sys\nfor n in sys.argv[1:]:\n    importlib.import_module(n)\n"
    done = subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True, cwd=PROJECT)
    assert done.returncode == 0, done.stderr


def _distribution(requirement: str) -> str:
    for stop in "<>=!~[; ":
        requirement = requirement.split(stop)[0]
    return requirement.strip().lower()


# Distribution name -> the import name, where they differ.
IMPORT_NAMES = {"beautifulsoup4": "bs4", "charset-normalizer": "charset_normalizer", "pyyaml": "yaml",
                "pytest-httpserver": "pytest_httpserver", "lxml-stubs": None, "types-requests": None,
                "types-pyyaml": None,
                "types-jsonschema": None, "types-vobject": None, "types-webencodings": None, "ruff": None,
                "mypy": None, "pytest-xdist": None, "psycopg": "psycopg"}


def test_every_declared_dependency_is_imported_somewhere() -> None:
    meta = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [_distribution(r) for r in meta["dependencies"]]
    for extra in meta.get("optional-dependencies", {}).values():
        declared += [_distribution(r) for r in extra if not r.startswith("extractor")]
    sources = "\n".join(p.read_text(encoding="utf-8") for folder in ("extractor", "tests", "bench")
                        for p in (PROJECT / folder).rglob("*.py"))
    unused = []
    for name in sorted(set(declared)):
        module = IMPORT_NAMES.get(name, name.replace("-", "_"))
        if module is None:
            continue  # tools run from the command line, not imported
        if f"import {module}" not in sources and f"from {module}" not in sources:
            unused.append(name)
    assert unused == []
