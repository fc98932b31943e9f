"""Email helpers shared by every app that sends mail to readers."""

from __future__ import annotations

import email.policy

from django.core.mail import EmailMessage


class OneClickEmailMessage(EmailMessage):
    """Headers are never folded below RFC 5322's 998-character limit. Python's email package
    otherwise rewrites a List-Unsubscribe URL longer than ~70 characters as an RFC 2047
    encoded-word (=?utf-8?q?...?=), which mail clients can't use for one-click unsubscribe."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def one_click_message(
    *, subject: str, body: str, to: list[str], unsubscribe_url: str
) -> OneClickEmailMessage:
    """A reader-facing email with RFC 8058 one-click unsubscribe headers."""
    return OneClickEmailMessage(
        subject=subject,
        body=body,
        to=to,
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
