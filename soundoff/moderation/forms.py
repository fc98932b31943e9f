"""Forms for the moderators' pages: they validate input, services do the work."""

from __future__ import annotations

from django import forms

from soundoff.moderation.models import Verdict
from soundoff.moderation.services import REJECT_REASON_CODES

REASON_CHOICES = [(code, label) for code, (_, label) in REJECT_REASON_CODES.items()]
BAN_REASONS = [("spam", "Spam"), ("abuse", "Abuse"), ("other", "Other")]


class DecideForm(forms.Form):
    verdict = forms.ChoiceField(choices=[(Verdict.PUBLISH, "Approve"), (Verdict.REJECT, "Reject")])
    reason_code = forms.ChoiceField(choices=REASON_CHOICES, required=False)

    def clean(self):
        data = super().clean()
        if data.get("verdict") == Verdict.REJECT and not data.get("reason_code"):
            data["reason_code"] = "other"
        if data.get("verdict") == Verdict.PUBLISH:
            data["reason_code"] = ""
        return data


class BanForm(forms.Form):
    days = forms.TypedChoiceField(
        choices=[("", "Permanent"), ("7", "7 days")], coerce=int, empty_value=None, required=False
    )
    reason = forms.ChoiceField(choices=BAN_REASONS, required=False)

    def ban_reason(self) -> str:
        return dict(BAN_REASONS).get(self.cleaned_data.get("reason") or "other", "Other")


class BulkForm(forms.Form):
    ACTIONS = [
        ("approve", "Approve"),
        *[(f"reject:{c}", f"Reject: {lbl}") for c, lbl in REASON_CHOICES],
    ]

    action = forms.ChoiceField(choices=ACTIONS)
    case_ids = forms.TypedMultipleChoiceField(coerce=int, required=False)
    cluster_key = forms.CharField(max_length=64, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any integer is acceptable here; the service checks the cases exist.
        self.fields["case_ids"].valid_value = lambda value: str(value).isdigit()

    def clean(self):
        data = super().clean()
        if not data.get("case_ids") and not data.get("cluster_key"):
            raise forms.ValidationError("Select at least one comment.")
        return data

    def verdict_and_reason(self) -> tuple[str, str]:
        action = self.cleaned_data["action"]
        if action == "approve":
            return Verdict.PUBLISH, ""
        return Verdict.REJECT, action.split(":", 1)[1]


class QueueFilterForm(forms.Form):
    reason = forms.CharField(max_length=64, required=False)
    section = forms.CharField(max_length=120, required=False)
    article = forms.CharField(max_length=300, required=False)


class AuditFilterForm(forms.Form):
    action = forms.CharField(max_length=64, required=False)
    actor = forms.CharField(max_length=120, required=False)
    verdict = forms.ChoiceField(choices=[("", "Any verdict"), *Verdict.choices], required=False)
    date_from = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    subject_key = forms.CharField(max_length=64, required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v}


class TokenForm(forms.Form):
    token = forms.CharField(
        max_length=8,
        min_length=6,
        label="Six-digit code",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError("Enter the digits your app shows.")
        return token
