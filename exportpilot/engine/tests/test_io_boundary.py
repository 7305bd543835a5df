"""The numerical kernels do no I/O: what import-linter cannot check, checked here.

The contract in ``pyproject.toml`` forbids the kernels ``duckdb``, ``zipfile``,
``shutil`` and ``engine.trade``; it cannot forbid ``pyarrow.parquet`` alone
(import-linter treats an external subpackage as its package, and in-memory
Arrow is allowed). Decision 0011 has the rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parents[1]
KERNELS = ("complexity", "potential", "readiness")
FORBIDDEN_MODULES = {
    "pyarrow.parquet",
    "pyarrow.csv",
    "pyarrow.dataset",
    "pyarrow.feather",
}
FORBIDDEN_CALLS = {"open", "read_csv", "read_parquet", "to_csv", "to_parquet"}


def kernel_modules() -> list[Path]:
    return sorted(
        path
        for kernel in KERNELS
        for path in (ENGINE / kernel).rglob("*.py")
        if "tests" not in path.parts
    )


def io_in(source: str) -> list[str]:
    """The I/O imports and calls of a module's source, as ``"line: what"``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Call):
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else getattr(func, "id", "")
            )
            names = [f"call {name}"] if name in FORBIDDEN_CALLS else []
        else:
            continue
        found += [
            f"{node.lineno}: {name}"
            for name in names
            if name in FORBIDDEN_MODULES or name.startswith("call ")
        ]
    return found


def test_there_are_kernel_modules_to_check():
    assert len(kernel_modules()) > 10


@pytest.mark.parametrize(
    "path", kernel_modules(), ids=lambda p: str(p.relative_to(ENGINE))
)
def test_the_kernel_module_does_no_io(path):
    assert io_in(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "import pyarrow.parquet as pq",
        "from pyarrow import parquet",
        "from pyarrow.parquet import read_table",
        "frame = pd.read_csv(path)",
        "with open(path) as handle: pass",
        "frame.to_parquet(path)",
    ],
)
def test_it_catches_each_kind_of_io(source):
    assert io_in(source)


def test_in_memory_arrow_is_allowed():
    assert io_in("import pyarrow as pa\nimport pyarrow.compute as pc\npc.sum(x)") == []
