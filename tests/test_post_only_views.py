"""A GET to a view that only changes things answers 405, never runs it.

The POST-only views are found, not listed: every URL pattern of the project is
walked, and a view counts as POST-only when ``require_POST`` or
``require_http_methods([...])`` (found through the ``__wrapped__`` chain of its
decorators) allows neither GET nor HEAD, or when it is a class-based view with
no ``get``. Each is then asked with GET by a logged-in workspace administrator:
the method check must answer before the view looks anything up, so dummy ids
in the path are enough. The API's paths without a GET operation are asked the
same with a token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SAMPLES = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "0" * 32}
CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


def url_patterns(
    patterns: list[Any] | None = None, prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    """``(route, pattern)`` of every URL pattern, included ones too."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def allowed_methods(view: Callable[..., Any]) -> set[str] | None:
    """The methods a view allows, or None when nothing restricts them."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        names = set(view_class.http_method_names) - {"options"}
        return {name.upper() for name in names if hasattr(view_class, name)}
    seen: set[int] = set()
    func: Any = view
    while func is not None and id(func) not in seen:
        seen.add(id(func))
        code = getattr(func, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            cell = func.__closure__[code.co_freevars.index("request_method_list")]
            return {method.upper() for method in cell.cell_contents if method}
        func = getattr(func, "__wrapped__", None)
    return None


def sample_path(route: str) -> str:
    """A path of the route with dummy values for its parameters."""
    return "/" + CONVERTER.sub(lambda m: SAMPLES[m["kind"] or "str"], route)


def post_only_views() -> list[tuple[str, str]]:
    found = []
    for route, pattern in url_patterns():
        if route.startswith("api/"):
            continue  # ninja's operations: see the API test below
        methods = allowed_methods(pattern.callback)
        if methods is not None and not methods & {"GET", "HEAD"}:
            found.append((pattern.name or route, sample_path(route)))
    return found


POST_ONLY = post_only_views()


def test_the_walk_finds_the_post_only_views():
    """A guard on the introspection: if decorators change shape, it must not
    quietly find nothing."""
    names = {name for name, _path in POST_ONLY}
    assert {"logout", "member_remove", "product_add", "submit"} <= names
    assert "company_detail" not in names  # GET only
    assert "company_edit" not in names  # GET and POST
    assert len(POST_ONLY) >= 15


# Views of the project that take any method, with the reason.
ANY_METHOD = {
    "exportpilot.api._without_trailing_slash": "hands the request, whatever its "
    "method, to the API endpoint without the slash, which checks the method",
}


def test_every_view_of_the_project_declares_its_methods():
    """So that the walk above cannot miss a POST-only view written without a
    method decorator (the house rule: ``@require_http_methods`` on each view)."""
    undeclared = set()
    for _route, pattern in url_patterns():
        view = pattern.callback
        module = getattr(view, "__module__", "") or ""
        name = f"{module}.{getattr(view, '__name__', '')}"
        if module.startswith("exportpilot.") and allowed_methods(view) is None:
            undeclared.add(name)
    assert undeclared == set(ANY_METHOD)


def test_allowed_methods_reads_each_decorator():
    from django.views.decorators.http import require_http_methods, require_POST

    def view(request: Any) -> Any:
        return None

    def login_wrapper(func: Any) -> Any:
        def wrapped(request: Any) -> Any:
            return func(request)

        wrapped.__wrapped__ = func  # type: ignore[attr-defined]
        return wrapped

    assert allowed_methods(require_POST(view)) == {"POST"}
    assert allowed_methods(login_wrapper(require_POST(view))) == {"POST"}
    assert allowed_methods(require_http_methods(["GET", "POST"])(view)) == {
        "GET",
        "POST",
    }
    assert allowed_methods(view) is None


def test_sample_paths_fill_every_parameter():
    assert sample_path("companies/<int:pk>/products/<int:product_pk>/remove/") == (
        "/companies/1/products/1/remove/"
    )
    assert sample_path("a/<token>/q/<slug:key>/") == "/a/x/q/x/"


@pytest.mark.parametrize(("name", "path"), POST_ONLY, ids=[n for n, _p in POST_ONLY])
def test_a_get_to_a_post_only_view_answers_405(name, path, alice, client_for):
    response = client_for(alice).get(path)
    assert response.status_code == 405, f"GET {path} ({name})"
    assert "GET" not in response["Allow"]


def api_paths_without_get() -> list[str]:
    from exportpilot.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return [
        CONVERTER.sub("1", re.sub(r"\{(\w+)\}", r"<\1>", path))
        for path, operations in schema["paths"].items()
        if "get" not in operations
    ]


def test_a_get_to_a_write_only_api_path_answers_405(alice, api_client_for):
    paths = api_paths_without_get()
    assert "/api/v1/markets/imports" in paths
    client = api_client_for(alice)
    answers = {path: client.get(path).status_code for path in paths}
    assert answers == dict.fromkeys(paths, 405)
