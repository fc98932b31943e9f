from __future__ import annotations

from django import forms
from django.core import signing

from soundoff.core import conf

TIMESTAMP_SALT = "soundoff.comments.form-rendered"


def form_timestamp() -> str:
    return signing.TimestampSigner(salt=TIMESTAMP_SALT).sign("t")


class CommentForm(forms.Form):
    author_name = forms.CharField(label="Display name", max_length=50)
    author_email = forms.EmailField(
        label="Email (optional, never shown)",
        required=False,
        help_text="Only used to tell you about replies, if you ask us to.",
    )
    author_url = forms.URLField(
        label="Website (optional)", required=False, max_length=300, assume_scheme="https"
    )
    body = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 5}))
    notify_replies = forms.BooleanField(label="Email me when someone replies", required=False)
    parent_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    rendered = forms.CharField(widget=forms.HiddenInput)
    # Honeypot: hidden from people by CSS and aria-hidden; bots fill every field.
    nickname = forms.CharField(required=False, label="Leave this field empty")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].max_length = conf.get("COMMENT_MAX_LENGTH")
        self.fields["body"].widget.attrs["maxlength"] = conf.get("COMMENT_MAX_LENGTH")
        if not self.is_bound:
            self.initial.setdefault("rendered", form_timestamp())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("nickname"):
            raise forms.ValidationError(
                "Your comment looks automated and was not sent.", code="honeypot"
            )
        return cleaned

    def clean_rendered(self):
        value = self.cleaned_data["rendered"]
        signer = signing.TimestampSigner(salt=TIMESTAMP_SALT)
        try:
            signer.unsign(value, max_age=60 * 60 * 24)
        except signing.SignatureExpired:
            raise forms.ValidationError(
                "This page was open for a very long time. Please send your comment again.",
                code="stale",
            ) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                "Please reload the page and try again.", code="tampered"
            ) from None
        # Age check separately so we can give a precise message.
        try:
            signer.unsign(value, max_age=conf.get("COMMENT_MIN_SECONDS_ON_PAGE"))
        except signing.SignatureExpired:
            return value
        raise forms.ValidationError(
            "That was very quick! Please take a moment to read it over, then send it again.",
            code="too_fast",
        )

    def refresh_timestamp_if_invalid(self) -> None:
        """Keep the typed text; replace only a stale or broken timestamp."""
        if "rendered" in self.errors and not self.has_error("rendered", "too_fast"):
            self.data = self.data.copy()
            self.data["rendered"] = form_timestamp()


class EditForm(forms.Form):
    body = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 5}))


class ReportForm(forms.Form):
    from soundoff.comments.models import Report

    reason = forms.ChoiceField(choices=Report.Reason.choices)
    note = forms.CharField(required=False, max_length=300)
