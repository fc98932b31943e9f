"""What moderation judges, and how it hands verdicts back.

Moderation never imports the apps whose content it screens. Each app describes its
content as a `Subject` and registers a `SubjectAdapter` (in its AppConfig.ready()) that
snapshots subjects, answers questions about their authors, and applies verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class AuthorHistory:
    approved: int = 0
    rejected: int = 0
    held: int = 0


@dataclass(frozen=True)
class Subject:
    key: str  # "<kind>:<id>", e.g. "comment:42"
    text: str
    author_name: str
    author_email_hash: str = ""
    author_url: str = ""
    user_id: int | None = None
    ip_hash: str = ""
    reader_key: str = ""
    scope_keys: tuple[str, ...] = ("site",)
    thread_key: str = ""
    created_at: datetime | None = None
    is_edit: bool = False
    author_is_staff: bool = False
    report_count: int = 0
    context: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.key.split(":", 1)[0]


@dataclass(frozen=True)
class Outcome:
    """A verdict as the subject's owner applies it."""

    verdict: str  # publish / hold / reject / remove
    reject_kind: str = ""  # "spam" or "policy" when rejected
    public_message: str = ""


@dataclass(frozen=True)
class SubjectView:
    """How a subject is shown to moderators (in context)."""

    key: str
    status: str
    body: str
    body_html: str
    author_name: str
    author_url: str
    created_at: datetime | None
    context_title: str  # e.g. the article headline
    context_url: str
    parent_excerpt: str = ""
    parent_author: str = ""
    section_names: tuple[str, ...] = ()
    public_url: str = ""


class SubjectAdapter(Protocol):
    def snapshot(self, key: str) -> Subject: ...

    def describe(self, keys: list[str]) -> dict[str, SubjectView]: ...

    def apply(self, key: str, outcome: Outcome) -> None: ...

    def author_history(self, subject: Subject) -> AuthorHistory: ...

    def has_exact_duplicate(self, subject: Subject) -> bool: ...

    def stale_pending(self, before: datetime) -> list[str]: ...


_adapters: dict[str, SubjectAdapter] = {}


def register(kind: str, adapter: SubjectAdapter) -> None:
    _adapters[kind] = adapter


def adapter_for(key: str) -> SubjectAdapter:
    kind = key.split(":", 1)[0]
    try:
        return _adapters[kind]
    except KeyError:
        raise LookupError(f"No moderation adapter registered for {kind!r} subjects") from None


def registered_adapters() -> list[SubjectAdapter]:
    return list(_adapters.values())
