"""Forms of the staff pages: links, follow-ups, filters and the questionnaire editor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from exportpilot.assessments.content import EU_SCOPE, LANGUAGES, Content
from exportpilot.assessments.models import (
    Band,
    FollowUpKind,
    FollowUpStatus,
    Letterhead,
)
from exportpilot.assessments.services import MAX_VALID_DAYS
from exportpilot.lib.text import is_ascii_digits
from exportpilot.lib.widgets import IsoDateInput
from exportpilot.reference.countries import country_name, normalise_country

LANGUAGE_NAMES = {
    "da": _("Danish"),
    "en": _("English"),
    "de": _("German"),
    "zh-hans": _("Chinese"),
}
SUFFIX = {"da": "da", "en": "en", "de": "de", "zh-hans": "zh"}


class InvitationForm(forms.Form):
    markets = forms.MultipleChoiceField(
        label=_("Focus markets"), widget=forms.CheckboxSelectMultiple, required=False
    )
    other_markets = forms.CharField(
        label=_("Other markets"),
        required=False,
        help_text=_("ISO codes separated by commas, e.g. SWE, USA"),
    )
    valid_days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=MAX_VALID_DAYS, initial=30
    )
    email = forms.EmailField(
        label=_("Send the link to"),
        required=False,
        help_text=_("Leave empty to copy the link yourself."),
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mail"),
        choices=[("", _("Danish (default)")), *list(LANGUAGE_NAMES.items())],
        required=False,
    )

    def __init__(self, *args: Any, focus_markets: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["markets"].choices = [  # type: ignore[attr-defined]
            (code, country_name(code)) for code in focus_markets
        ]
        self.fields["markets"].initial = list(focus_markets)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = list(data.get("markets") or [])
        for raw in (data.get("other_markets") or "").replace(";", ",").split(","):
            if not raw.strip():
                continue
            code = normalise_country(raw)
            if code is None:
                self.add_error(
                    "other_markets",
                    _("Unknown country: %(value)s") % {"value": raw.strip()},
                )
            elif code not in chosen:
                chosen.append(code)
        if not chosen and not self.errors:
            self.add_error("markets", _("Choose at least one market."))
        data["all_markets"] = chosen
        return data


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FollowUpKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    due_date = forms.DateField(label=_("Due"), required=False, widget=IsoDateInput())
    owner = forms.TypedChoiceField(
        label=_("Owner"), coerce=int, required=False, empty_value=None
    )
    question_key = forms.CharField(widget=forms.HiddenInput, required=False)
    service_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, members: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = members  # type: ignore[attr-defined]


class FollowUpFilterForm(forms.Form):
    """The list of follow-ups: whose, and in which state (open by default)."""

    owner = forms.TypedChoiceField(
        label=_("Owner"), coerce=int, required=False, empty_value=None
    )
    status = forms.ChoiceField(label=_("State"), required=False)

    def __init__(
        self, *args: Any, members: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", _("everyone")), *members]  # type: ignore[attr-defined]
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            *FollowUpStatus.choices,
            ("", _("all")),
        ]


class FollowUpAssignForm(forms.Form):
    owner = forms.TypedChoiceField(label=_("Owner"), coerce=int)

    def __init__(
        self, *args: Any, members: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = members  # type: ignore[attr-defined]


class FollowUpCloseForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (FollowUpStatus.DONE, _("done")),
            (FollowUpStatus.CANCELLED, _("cancelled")),
        ]
    )


class ListFilterForm(forms.Form):
    band = forms.ChoiceField(label=_("Band"), required=False)
    market = forms.ChoiceField(label=_("Market"), required=False)
    gap = forms.ChoiceField(label=_("Gap in"), required=False)

    def __init__(
        self,
        *args: Any,
        markets: list[str],
        dimensions: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("all"))]
        self.fields["band"].choices = everything + list(Band.choices)  # type: ignore[attr-defined]
        self.fields["market"].choices = everything + [  # type: ignore[attr-defined]
            (code, country_name(code)) for code in markets
        ]
        self.fields["gap"].choices = everything + dimensions  # type: ignore[attr-defined]


# --- Questionnaire editor ---------------------------------------------------------------


def _text_fields(
    form: forms.Form,
    name: str,
    label: str,
    *,
    textarea: bool = False,
    required_en: bool = True,
) -> None:
    for language in LANGUAGES:
        widget = forms.Textarea(attrs={"rows": 2}) if textarea else forms.TextInput()
        form.fields[f"{name}_{SUFFIX[language]}"] = forms.CharField(
            label=f"{label} ({LANGUAGE_NAMES[language]})",
            required=required_en and language == "en",
            widget=widget,
        )


def texts_from(data: dict[str, Any], name: str) -> dict[str, str]:
    return {
        language: data[f"{name}_{SUFFIX[language]}"].strip()
        for language in LANGUAGES
        if data.get(f"{name}_{SUFFIX[language]}", "").strip()
    }


def initial_texts(name: str, texts: dict[str, str]) -> dict[str, str]:
    return {f"{name}_{SUFFIX[lang]}": texts.get(lang, "") for lang in LANGUAGES}


class DimensionForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=60)
    weight = forms.FloatField(label=_("Weight"), min_value=0, max_value=10)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _text_fields(self, "name", str(_("Name")))
        _text_fields(
            self, "description", str(_("Description")), textarea=True, required_en=False
        )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "key": data["key"],
            "weight": data["weight"],
            "name": texts_from(data, "name"),
            "description": texts_from(data, "description"),
        }


class ServiceForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=60)
    url = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _text_fields(self, "name", str(_("Name")))
        _text_fields(
            self, "description", str(_("Description")), textarea=True, required_en=False
        )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "key": data["key"],
            "url": data["url"],
            "name": texts_from(data, "name"),
            "description": texts_from(data, "description"),
        }


OPTIONS_HELP = _(
    "One answer per line: value | points (0-4, or - for “does not apply”) | "
    "English | Danish | German | Chinese"
)


def options_to_text(options: list[dict[str, Any]]) -> str:
    lines = []
    for option in options:
        label = option["label"]
        points = "-" if option["points"] is None else str(option["points"])
        lines.append(
            " | ".join(
                [option["value"], points]
                + [label.get(lang, "") for lang in ("en", "da", "de", "zh-hans")]
            )
        )
    return "\n".join(lines)


class QuestionForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=60)
    dimension = forms.ChoiceField(label=_("Dimension"))
    weight = forms.FloatField(label=_("Weight"), min_value=0, max_value=10)
    market = forms.ChoiceField(
        label=_("Asked for"),
        required=False,
        choices=[
            ("", _("every company (general question)")),
            ("CHN", _("China, where the products call for it")),
            ("DEU", _("Germany, where the products call for it")),
            (EU_SCOPE, _("any market, where EU rules call for it")),
        ],
    )
    service = forms.ChoiceField(label=_("Service that helps"), required=False)
    options = forms.CharField(
        label=_("Answers"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=OPTIONS_HELP,
    )

    def __init__(self, *args: Any, content: Content, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = [  # type: ignore[attr-defined]
            (d.key, d.name.get("en", d.key)) for d in content.dimensions
        ]
        self.fields["service"].choices = [("", "–")] + [  # type: ignore[attr-defined]
            (s.key, s.name.get("en", s.key)) for s in content.services
        ]
        _text_fields(self, "text", str(_("Question")), textarea=True)
        _text_fields(self, "why", str(_("Why it matters")), textarea=True)
        _text_fields(
            self, "next_step", str(_("Next step when it is a gap")), textarea=True
        )

    def clean_options(self) -> list[dict[str, Any]]:
        options = []
        for number, line in enumerate(
            self.cleaned_data["options"].splitlines(), start=1
        ):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 3:
                raise forms.ValidationError(
                    _("Line %(n)d: write at least value | points | English label.")
                    % {"n": number}
                )
            value, points_text = parts[0], parts[1]
            if points_text == "-":
                points = None
            elif is_ascii_digits(points_text) and 0 <= int(points_text) <= 4:
                points = int(points_text)
            else:
                raise forms.ValidationError(
                    _("Line %(n)d: points must be 0 to 4, or -.") % {"n": number}
                )
            label = dict(zip(("en", "da", "de", "zh-hans"), parts[2:6], strict=False))
            options.append(
                {
                    "value": value,
                    "points": points,
                    "label": {k: v for k, v in label.items() if v},
                }
            )
        return options

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "key": data["key"],
            "dimension": data["dimension"],
            "weight": data["weight"],
            "market": data["market"],
            "service": data["service"],
            "text": texts_from(data, "text"),
            "why": texts_from(data, "why"),
            "next_step": texts_from(data, "next_step"),
            "options": data["options"],
        }


class LetterheadForm(forms.ModelForm):  # type: ignore[type-arg]
    """The workspace's sender and privacy notice; an empty notice means the
    default text of that language, shown as the field's placeholder."""

    class Meta:
        model = Letterhead
        fields = list(Letterhead.EDITABLE_FIELDS)
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            **{
                name: forms.Textarea(attrs={"rows": 6})
                for name in (
                    "privacy_da",
                    "privacy_en",
                    "privacy_de",
                    "privacy_zh_hans",
                )
            },
        }

    def __init__(self, *args: Any, defaults: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for language, text in defaults.items():
            field = self.fields["privacy_" + language.replace("-", "_")]
            field.widget.attrs["placeholder"] = text
            field.help_text = _("Leave empty to use the default text shown.")
