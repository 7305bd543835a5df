"""Views and API modules read tenant data only through scoped querysets.

A read such as ``Company.objects.get(pk=pk)`` in a view would serve any
workspace's record; this test fails on it and names the line. Services and
jobs may use ``objects`` (they receive already-scoped objects or a workspace).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent / "exportpilot"
REQUEST_MODULES = sorted(
    [*ROOT.glob("*/views.py"), *ROOT.glob("*/api.py"), *ROOT.glob("*/views/*.py")]
)
SCOPED = {"for_user", "none"}


def tenant_model_names() -> set[str]:
    names = set()
    for model in apps.get_models():
        if not model.__module__.startswith("exportpilot."):
            continue
        manager_qs = type(model._default_manager.get_queryset())
        if hasattr(manager_qs, "for_user"):
            names.add(model.__name__)
    return names


def unscoped_reads(path: Path, models: set[str]) -> list[str]:
    problems = []
    for node in ast.walk(ast.parse(path.read_text())):
        # Model.objects.<method>(...) where method is not for_user
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "objects"
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id in models
            and node.attr not in SCOPED
        ):
            problems.append(
                f"{path.name}:{node.lineno} {node.value.value.id}.objects.{node.attr}"
            )
    return problems


def test_there_are_request_modules_to_check():
    assert len(REQUEST_MODULES) >= 3


@pytest.mark.parametrize(
    "path", REQUEST_MODULES, ids=lambda p: str(p.relative_to(ROOT))
)
def test_views_and_endpoints_read_tenant_data_through_for_user(path):
    assert unscoped_reads(path, tenant_model_names()) == []


def test_the_check_catches_an_unscoped_read(tmp_path):
    bad = tmp_path / "views.py"
    bad.write_text("def v(request, pk):\n    return Company.objects.get(pk=pk)\n")
    problems = unscoped_reads(bad, {"Company"})
    assert len(problems) == 1
    assert "Company.objects.get" in problems[0]
