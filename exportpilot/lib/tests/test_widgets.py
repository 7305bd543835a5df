"""``FastSelect`` renders what Django's ``Select`` renders, without its templates."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django import forms

from exportpilot.lib.widgets import FastSelect

CHOICES = [
    ("", "any"),
    ("DEU", "Germany"),
    ("CHN", "China"),
    ("X&Y", 'Tom & "Jerry" <b>'),
    ("Nordic", [("DNK", "Denmark"), ("SWE", "Sweden")]),
]


class Elements(HTMLParser):
    """The start tags (with attributes) and the text, whitespace between tags dropped."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append((tag, sorted(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.items.append(("/" + tag, None))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.items.append(("text", data.strip()))


def parsed(html: str) -> list[tuple[str, object]]:
    parser = Elements()
    parser.feed(html)
    return parser.items


@pytest.mark.parametrize("value", [None, "", "CHN", "X&Y", "SWE", "unknown"])
def test_it_renders_the_same_elements_as_djangos_select(value):
    attrs = {"id": "id_country", "class": "wide", "data-note": 'a "quoted" note'}
    fast = FastSelect(choices=CHOICES).render("country", value, attrs)
    django = forms.Select(choices=CHOICES).render("country", value, attrs)
    assert parsed(fast) == parsed(django)


def test_it_escapes_labels_and_values():
    html = FastSelect(choices=CHOICES).render("country", "X&Y")
    assert (
        '<option value="X&amp;Y" selected>Tom &amp; &quot;Jerry&quot; &lt;b&gt;</option>'
        in html
    )
    assert "<b>" not in html


def test_a_form_field_with_it_keeps_the_chosen_value():
    class Filter(forms.Form):
        country = forms.ChoiceField(choices=CHOICES, required=False, widget=FastSelect)

    html = str(Filter({"country": "DEU"})["country"])
    assert '<select name="country" id="id_country">' in html
    assert '<option value="DEU" selected>Germany</option>' in html
    assert html.count(" selected") == 1
