"""Request modules read tenant data only through scoped querysets.

A read such as ``Company.objects.get(pk=pk)`` or ``get_object_or_404(Company,
pk=pk)`` in a view would serve any workspace's record; this test fails on it
and names the line. It checks every module a request runs through: views
(``views.py``, ``*_views.py``, ``views/``), the API (``api.py``, ``schemas``),
the public token pages (``public*.py``), URL configurations and the read
helpers views call (``queries*.py``).

The unscoped patterns, on a tenant model (one whose queryset has ``for_user``):

- ``Model.objects.<anything but for_user/for_actor/none>`` and ``Model.objects`` passed
  on bare (``get_object_or_404(Model.objects, ...)``);
- ``Model._default_manager`` and ``Model._base_manager``;
- ``get_object_or_404(Model, ...)`` and ``get_list_or_404(Model, ...)``.

Services and jobs may use ``objects`` (they receive already-scoped objects or a
workspace) and are not scanned. A read that is legitimately unscoped (a public
page found by its secret token) is listed in ``ALLOWED`` with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent / "exportpilot"
REQUEST_NAMES = (
    "views.py",
    "*_views.py",
    "api.py",
    "public*.py",
    "schemas.py",
    "urls.py",
    "*_urls.py",
    "queries.py",
)
REQUEST_PACKAGES = {"views", "api", "schemas", "queries"}


def is_request_module(path: Path) -> bool:
    if {"tests", "migrations"} & set(path.parts):
        return False
    return path.parent.name in REQUEST_PACKAGES or any(
        path.match(name) for name in REQUEST_NAMES
    )


REQUEST_MODULES = sorted(path for path in ROOT.rglob("*.py") if is_request_module(path))
SCOPED = {"for_user", "for_actor", "for_workspace", "none"}
MANAGERS = {"_default_manager", "_base_manager"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}

# (module relative to exportpilot/, function, "Model.pattern"): why it is safe.
ALLOWED: dict[tuple[str, str, str], str] = {
    (
        "assessments/public.py",
        "_session_invitation",
        "Invitation.objects.select_related",
    ): "the public questionnaire pages read the link that a valid secret token "
    "resolved to (kept in the visitor's session); the visitor has no workspace",
    (
        "assessments/public.py",
        "_response",
        "Response.objects.select_related",
    ): "the public questionnaire pages read the answers of their own link",
    (
        "assessments/queries.py",
        "get_invitation_by_token",
        "Invitation.objects.select_related",
    ): "a public link is found by the hash of its secret token, before anyone "
    "is logged in",
    (
        "accounts/queries.py",
        "get_own_membership",
        "Membership.objects.select_related",
    ): "the user's own memberships (filtered by user), to switch workspace",
    (
        "companies/queries.py",
        "with_parts",
        "Product.objects.filter",
    ): "filtered by company__in a for_user queryset (an index lookup per id; "
    "benchmarks/register_load.py)",
    (
        "companies/queries.py",
        "with_parts",
        "ExportStatus.objects.filter",
    ): "filtered by company__in a for_user queryset, as the products above",
}


def tenant_model_names() -> set[str]:
    names = set()
    for model in apps.get_models():
        if not model.__module__.startswith("exportpilot."):
            continue
        manager_qs = type(model._default_manager.get_queryset())
        if hasattr(manager_qs, "for_user"):
            names.add(model.__name__)
    return names


def _model_name(node: ast.AST, models: set[str]) -> str | None:
    if isinstance(node, ast.Name) and node.id in models:
        return node.id
    return None


def _is_correlated(call: ast.AST | None) -> bool:
    """``.filter(company=OuterRef("pk"))``: a subquery of the (checked) outer query."""
    return isinstance(call, ast.Call) and any(
        isinstance(arg, ast.Call) and getattr(arg.func, "id", "") == "OuterRef"
        for arg in [*call.args, *(keyword.value for keyword in call.keywords)]
    )


def _is_prefetch_queryset(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """``Prefetch("products", queryset=Product.objects...)``: related rows of the
    (checked) outer query."""
    while node in parents:
        parent = parents[node]
        if isinstance(parent, ast.keyword):
            call = parents.get(parent)
            return (
                parent.arg == "queryset"
                and isinstance(call, ast.Call)
                and (getattr(call.func, "id", "") or getattr(call.func, "attr", ""))
                == "Prefetch"
            )
        if not isinstance(parent, ast.Attribute | ast.Call):
            return False
        node = parent
    return False


def _function(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return node.name
    return "<module>"


def unscoped_reads(source: str, models: set[str]) -> list[tuple[int, str, str]]:
    """``(line, function, "Model.pattern")`` for each unscoped read of a tenant model."""
    tree = ast.parse(source)
    parents = {
        child: parent
        for parent in ast.walk(tree)
        for child in ast.iter_child_nodes(parent)
    }
    problems = []
    for node in ast.walk(tree):
        pattern = ""
        if isinstance(node, ast.Attribute) and (
            model := _model_name(node.value, models)
        ):
            if node.attr in MANAGERS:
                pattern = f"{model}.{node.attr}"
            elif node.attr == "objects":
                parent = parents.get(node)
                used = parent.attr if isinstance(parent, ast.Attribute) else ""
                if used not in SCOPED and not (
                    _is_correlated(parents.get(parent)) if used == "filter" else False
                ):
                    pattern = f"{model}.objects.{used}".rstrip(".")
                if pattern and _is_prefetch_queryset(node, parents):
                    pattern = ""
        elif (
            isinstance(node, ast.Call)
            and node.args
            and (model := _model_name(node.args[0], models))
        ):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in SHORTCUTS:
                pattern = f"{name}({model})"
        if pattern:
            problems.append((node.lineno, _function(node, parents), pattern))
    return sorted(problems)


def problems_in(path: Path, models: set[str]) -> list[str]:
    module = str(path.relative_to(ROOT))
    return [
        f"{module}:{line} {function}: {pattern}"
        for line, function, pattern in unscoped_reads(path.read_text(), models)
        if (module, function, pattern) not in ALLOWED
    ]


def test_there_are_request_modules_to_check():
    names = {str(path.relative_to(ROOT)) for path in REQUEST_MODULES}
    assert {"api.py", "urls.py", "assessments/public.py", "companies/views.py"} <= names
    assert any(name.endswith("_views.py") for name in names)
    assert any(name.endswith("schemas.py") for name in names)


def test_request_modules_are_found_at_any_depth():
    for name in [
        "companies/views.py",
        "assessments/letterhead_views.py",
        "assessments/public_urls.py",
        "companies/imports/views.py",
        "markets/views/charts.py",
        "companies/api/contacts.py",
    ]:
        assert is_request_module(ROOT / name), name
    for name in ["companies/services.py", "companies/tests/test_views.py"]:
        assert not is_request_module(ROOT / name), name


def test_there_are_tenant_models():
    assert {"Company", "Job", "Invitation", "AnalysisRun"} <= tenant_model_names()
    assert "User" not in tenant_model_names()


@pytest.mark.parametrize(
    "path", REQUEST_MODULES, ids=lambda p: str(p.relative_to(ROOT))
)
def test_request_modules_read_tenant_data_through_for_user(path):
    assert problems_in(path, tenant_model_names()) == []


def test_every_allowed_read_still_exists():
    """An exception that no longer matches anything is removed, not kept stale."""
    models = tenant_model_names()
    found = {
        (str(path.relative_to(ROOT)), function, pattern)
        for path in REQUEST_MODULES
        for _line, function, pattern in unscoped_reads(path.read_text(), models)
    }
    assert set(ALLOWED) <= found


# The check catches each pattern


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("Company.objects.get(pk=pk)", "Company.objects.get"),
        ("Company.objects.filter(name=n).first()", "Company.objects.filter"),
        ("Company.objects.all()", "Company.objects.all"),
        (
            "Company.objects.select_related('x').get(pk=1)",
            "Company.objects.select_related",
        ),
        ("Company.objects.exclude(pk=1).count()", "Company.objects.exclude"),
        ("get_object_or_404(Company.objects, pk=pk)", "Company.objects"),
        ("[Company.objects]", "Company.objects"),
        ("get_object_or_404(Company, pk=pk)", "get_object_or_404(Company)"),
        ("shortcuts.get_object_or_404(Company, pk=pk)", "get_object_or_404(Company)"),
        ("get_list_or_404(Company, workspace=ws)", "get_list_or_404(Company)"),
        ("Company._default_manager.get(pk=pk)", "Company._default_manager"),
        ("Company._base_manager.filter(pk=pk)", "Company._base_manager"),
        # A queryset= that is not a Prefetch's is a read like any other.
        ("ModelChoiceField(queryset=Company.objects.all())", "Company.objects.all"),
        # A filter without OuterRef is not a correlated subquery.
        ("Exists(Company.objects.filter(name=n))", "Company.objects.filter"),
    ],
)
def test_the_check_catches_an_unscoped_read(snippet, expected):
    source = f"def view(request, pk, n, ws):\n    return {snippet}\n"
    assert unscoped_reads(source, {"Company"}) == [(2, "view", expected)]


@pytest.mark.parametrize(
    "snippet",
    [
        "Company.objects.for_user(request.user).get(pk=pk)",
        "get_object_or_404(Company.objects.for_user(request.user), pk=pk)",
        "get_list_or_404(Company.objects.for_user(request.user))",
        "Company.objects.none()",
        "User.objects.get(pk=pk)",  # not a tenant model
        "get_object_or_404(User, pk=pk)",
        "company.products.all()",  # through an already-scoped object
        "Company.objects.for_workspace(request.membership.workspace_id)",
        # Correlated subqueries and prefetches follow the (checked) outer query.
        'Exists(Company.objects.filter(pk=OuterRef("company_id"), name=n))',
        'Prefetch("companies", queryset=Company.objects.order_by("name"))',
    ],
)
def test_the_check_lets_scoped_reads_pass(snippet):
    source = f"def view(request, pk, company):\n    return {snippet}\n"
    assert unscoped_reads(source, {"Company"}) == []


def test_the_check_names_the_module_and_line(tmp_path):
    bad = tmp_path / "exportpilot" / "things" / "letter_views.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("\n\ndef v(request, pk):\n    return Company.objects.get(pk=pk)\n")
    relative = bad.relative_to(tmp_path / "exportpilot")
    problems = [
        f"{relative}:{line} {function}: {pattern}"
        for line, function, pattern in unscoped_reads(bad.read_text(), {"Company"})
    ]
    assert problems == ["things/letter_views.py:4 v: Company.objects.get"]
