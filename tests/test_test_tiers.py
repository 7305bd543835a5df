"""The test tiers: ``make test-fast`` leaves out what is marked ``browser`` or
``slow``, so a browser test must never go unmarked."""

from __future__ import annotations

from pathlib import Path

import pytest

BROWSER_DIR = Path(__file__).resolve().parent / "browser"


def test_every_collected_browser_test_is_marked_browser(request: pytest.FixtureRequest):
    for item in request.session.items:
        fixtures = set(getattr(item, "fixturenames", ()))
        in_browser_dir = BROWSER_DIR in Path(str(item.path)).parents
        if fixtures & {"page", "live_server"} or in_browser_dir:
            assert item.get_closest_marker("browser") is not None, item.nodeid


class FakeItem:
    def __init__(self, *fixtures: str) -> None:
        self.fixturenames = list(fixtures)
        self.markers: list[pytest.Mark] = []

    def get_closest_marker(self, name: str) -> pytest.Mark | None:
        return next((mark for mark in self.markers if mark.name == name), None)

    def add_marker(self, marker: pytest.MarkDecorator) -> None:
        self.markers.append(marker.mark)


@pytest.mark.parametrize(
    ("fixtures", "marked"),
    [
        (("page", "db"), True),
        (("live_server",), True),
        (("client", "db"), False),
    ],
)
def test_the_conftest_marks_what_uses_a_browser_or_a_live_server(fixtures, marked):
    from conftest import pytest_collection_modifyitems

    item = FakeItem(*fixtures)
    pytest_collection_modifyitems([item])  # type: ignore[list-item]
    assert (item.get_closest_marker("browser") is not None) is marked
