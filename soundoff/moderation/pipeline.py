"""The screening steps, in order: gather facts (rules, signals, the fast model), then
apply the pure policy. Thresholds live in the policy, never here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from django.utils import timezone

from soundoff.core import sql
from soundoff.moderation import rules, scoring, signals_text
from soundoff.moderation.models import Ban, BanKind, Case, Fingerprint
from soundoff.moderation.policies import Decision, Facts, PolicyConfig, decide
from soundoff.moderation.subjects import Subject, SubjectAdapter

VELOCITY_WINDOW = timedelta(minutes=10)
WAVE_WINDOW = timedelta(days=3)


def author_key(subject: Subject) -> str:
    if subject.user_id:
        return f"u:{subject.user_id}"
    if subject.author_email_hash:
        return f"e:{subject.author_email_hash}"
    if subject.reader_key:
        return f"r:{subject.reader_key[:40]}"
    if subject.ip_hash:
        return f"i:{subject.ip_hash}"
    return ""


def active_ban(subject: Subject) -> Ban | None:
    """The subject's author's active ban, if any: one indexed lookup, and the Ban is
    loaded only when there is one."""
    wanted = []
    if subject.user_id:
        wanted.append((BanKind.ACCOUNT, str(subject.user_id)))
    if subject.author_email_hash:
        wanted.append((BanKind.EMAIL, subject.author_email_hash))
    if subject.ip_hash:
        wanted.append((BanKind.IP, subject.ip_hash))
    if subject.reader_key:
        wanted.append((BanKind.READER, subject.reader_key))
    if not wanted:
        return None
    kind, value = sql.col(Ban, "kind"), sql.col(Ban, "value")
    expires = sql.col(Ban, "expires_at")
    match = " OR ".join([f"({kind} = %s AND {value} = %s)"] * len(wanted))
    row = sql.fetch_one(
        f"SELECT {sql.col(Ban, 'id')} FROM {sql.table(Ban)}"  # noqa: S608
        f" WHERE {value} IN ({sql.placeholders(wanted)}) AND ({match})"
        f" AND {sql.col(Ban, 'lifted_at')} IS NULL AND ({expires} IS NULL OR {expires} > %s)"
        f" ORDER BY {sql.col(Ban, 'id')} LIMIT 1",
        [*(v for _, v in wanted), *(x for pair in wanted for x in pair), sql.when(timezone.now())],
    )
    return Ban.objects.get(pk=row[0]) if row else None


@dataclass(frozen=True)
class Wave:
    threads: int
    cluster_key: str
    to_store: tuple[str, ...] = ()  # this text's LSH bands, when not stored yet


def fingerprint_and_find_wave(subject: Subject, *, first: bool = False) -> Wave:
    """Count threads with a near-duplicate of this text (a read). The subject's own LSH
    bands come back in `to_store` for the caller to store together with the verdict, so
    screening itself writes nothing (see `fingerprints_store`)."""
    signature = signals_text.minhash(subject.text)
    if signature is None:
        return Wave(0, "")
    bands = signals_text.bands(signature)
    since = timezone.now() - WAVE_WINDOW
    # Aggregated in the database: a spam wave of thousands of copies costs each new copy
    # one small query, not a fetch of every earlier copy. The cluster is named after its
    # earliest member (the first fingerprinted look-alike), so all look-alikes share a key.
    fp_id, fp_subject, fp_thread = (
        sql.col(Fingerprint, f) for f in ("id", "subject_key", "thread_key")
    )
    fp = sql.table(Fingerprint)
    first_id, other_threads, oldest = sql.fetch_one(
        f"SELECT agg.first_id, agg.other_threads, f.{fp_subject} FROM ("  # noqa: S608
        f"SELECT MIN({fp_id}) AS first_id,"
        f" COUNT(DISTINCT CASE WHEN {fp_thread} <> %s THEN {fp_thread} END) AS other_threads"
        f" FROM {fp} WHERE {sql.col(Fingerprint, 'band')} IN ({sql.placeholders(bands)})"
        f" AND {sql.col(Fingerprint, 'created_at')} >= %s AND {fp_subject} <> %s"
        f") agg LEFT JOIN {fp} f ON f.{fp_id} = agg.first_id",
        [subject.thread_key, *bands, sql.when(since), subject.key],
    )
    store = first or not Fingerprint.objects.filter(subject_key=subject.key).exists()
    to_store = tuple(bands) if store else ()
    if first_id is None:
        return Wave(1, "", to_store)
    earliest = min([oldest, subject.key], key=_key_order)
    return Wave(1 + (other_threads or 0), f"dup:{earliest}", to_store)


def fingerprints_store(*, subject_key: str, thread_key: str, bands: tuple[str, ...]) -> None:
    """Store a subject's LSH bands (what `fingerprint_and_find_wave` left to store)."""
    if bands:
        now = sql.when(timezone.now())
        columns = ", ".join(sql.col(Fingerprint, f) for f in FINGERPRINT_FIELDS)
        sql.execute_many(
            f"INSERT INTO {sql.table(Fingerprint)} ({columns}) VALUES (%s, %s, %s, %s)",  # noqa: S608
            [(b, subject_key, thread_key, now) for b in bands],
        )


FINGERPRINT_FIELDS = ("band", "subject_key", "thread_key", "created_at")


def _key_order(key: str) -> tuple[str, int]:
    kind, _, raw = key.partition(":")
    return (kind, int(raw) if raw.isdigit() else 0)


def _velocity(subject: Subject, author: str) -> tuple[int, int]:
    """Recent subjects by the same author, and from the same network origin (one query)."""
    origin = f"i:{subject.ip_hash}" if subject.ip_hash else ""
    if not author and not origin:
        return 0, 0
    since = timezone.now() - VELOCITY_WINDOW
    a_col, o_col, s_col = (sql.col(Case, f) for f in ("author_key", "origin_key", "subject_key"))
    # Empty keys never match: no subject is stored with an empty author key and an origin.
    by_author, by_origin = sql.fetch_one(
        f"SELECT COUNT(DISTINCT CASE WHEN {a_col} = %s THEN {s_col} END),"  # noqa: S608
        f" COUNT(DISTINCT CASE WHEN {o_col} = %s THEN {s_col} END)"
        f" FROM {sql.table(Case)} WHERE ({a_col} = %s OR {o_col} = %s)"
        f" AND {sql.col(Case, 'created_at')} >= %s AND {s_col} <> %s",
        [
            author or None,
            origin or None,
            author or None,
            origin or None,
            sql.when(since),
            subject.key,
        ],
    )
    return by_author or 0, by_origin or 0


@dataclass(frozen=True)
class Screening:
    decision: Decision
    facts: Facts
    score: scoring.ScoreResult | None
    cluster_key: str
    fingerprints: tuple[str, ...] = ()  # LSH bands to store with the verdict


def gather_facts(
    subject: Subject,
    policy: PolicyConfig,
    adapter: SubjectAdapter,
    *,
    author: str,
    first: bool = False,
) -> tuple[Facts, scoring.ScoreResult | None, Wave]:
    links = rules.find_links(subject.text)
    hosts = {rules.link_domain(link) for link in links}
    if subject.author_url:
        hosts.add(rules.link_domain(subject.author_url))
    blocked = tuple(
        sorted({b for b in policy.blocked_domains for h in hosts if rules.domain_matches(h, b)})
    )
    normal = scoring.normalized(subject.text)
    history = adapter.author_history(subject)
    ban = active_ban(subject)
    recent, from_origin = _velocity(subject, author)
    wave = fingerprint_and_find_wave(subject, first=first)
    try:
        score = scoring.score_fast(subject.text)
    except scoring.ScoringUnavailable:
        score = None

    def listed(phrases: tuple[str, ...]) -> tuple[str, ...]:
        found = set(rules.find_listed(subject.text, phrases))
        found |= set(rules.find_listed(normal, phrases))
        found |= set(rules.find_listed(subject.author_name, phrases))
        return tuple(sorted(found))

    facts = Facts(
        link_count=len(links),
        blocked_domains_found=blocked,
        moderation_words_found=listed(policy.moderation_words),
        disallowed_words_found=listed(policy.disallowed_words),
        is_exact_duplicate=policy.reject_duplicates and adapter.has_exact_duplicate(subject),
        author_approved=history.approved,
        author_rejected=history.rejected,
        author_is_staff=subject.author_is_staff,
        banned=str(ban) if ban else "",
        recent_by_author=recent,
        recent_from_origin=from_origin,
        wave_threads=wave.threads,
        seo_name=signals_text.seo_name_reason(subject.author_name, subject.author_url),
        slurs_found=scoring.slurs_in(normal),
        scores=score.scores if score else None,
        model_version=score.model_version if score else "",
    )
    return facts, score, wave


def screen(
    subject: Subject,
    policy: PolicyConfig,
    adapter: SubjectAdapter,
    *,
    author: str = "",
    first: bool = False,
) -> Screening:
    facts, score, wave = gather_facts(subject, policy, adapter, author=author, first=first)
    return Screening(decide(policy, facts), facts, score, wave.cluster_key, wave.to_store)


def rescore(screening: Screening, policy: PolicyConfig, deep: scoring.ScoreResult) -> Screening:
    """Decide again with the semantic tier's scores in place of the fast tier's."""
    facts = replace(screening.facts, scores=deep.scores, model_version=deep.model_version)
    return replace(screening, decision=decide(policy, facts), facts=facts, score=deep)


def is_doubtful(
    policy: PolicyConfig, scores: dict[str, float] | None, margin: float = 0.35
) -> bool:
    """True when a publish verdict rests on scores close below a hold threshold."""
    if not scores:
        return False
    for category, rule in policy.rules.items():
        if rule.hold is None:
            continue
        score = scores.get(category, 0.0)
        if rule.hold * (1 - margin) <= score < rule.hold:
            return True
    return False
