"""Load the demo newsroom: sections, authors, articles, pages, and comment threads.

Comment threads go through the real moderation pipeline, so the demo's queue shows what
the rules hold. The 1,000-comment thread is inserted in bulk as already-published
history (it stands in for an imported archive).
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from soundoff.comments import markup
from soundoff.comments.adapters import comment_key
from soundoff.comments.models import Comment, CommentStatus
from soundoff.core.privacy import hash_ip
from soundoff.moderation import services as moderation
from soundoff.moderation.models import Policy
from soundoff.newsroom import services
from soundoff.newsroom.models import (
    Article,
    ArticleStatus,
    Author,
    FreeReport,
    Promo,
    Section,
    SitePage,
    Tag,
)

DEMO_DIR = Path(__file__).resolve().parent
DEMO_MODERATION_WORDS = "idiot\nmoron\nscum\nimbecile"


def _load(name: str):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def _comment(article, data, parent, when) -> Comment:
    return Comment(
        article=article,
        parent=parent,
        root=(parent.root or parent) if parent else None,
        depth=(parent.depth + 1) if parent else 0,
        author_name=data["name"][:50],
        body=data["body"],
        body_html=markup.render(data["body"]),
        status=CommentStatus.PENDING,
        ip_hash=hash_ip(f"demo-{data['name']}"),
        reader_key=f"demo-{slugify(data['name'])}",
    )


def _load_thread(article, comments: list[dict], *, screen: bool) -> int:
    made: dict[str, Comment] = {}
    base = article.published_at
    for data in comments:
        parent = made.get(data["parent"]) if data.get("parent") else None
        c = _comment(article, data, parent, None)
        c.save()
        Comment.objects.filter(pk=c.pk).update(
            created_at=base + timedelta(minutes=data.get("minutes_after", 0))
        )
        if screen:
            moderation.case_open(subject_key=comment_key(c.pk))
            c.refresh_from_db()
        if c.status == CommentStatus.PUBLISHED:
            Comment.objects.filter(pk=c.pk).update(like_count=data.get("likes", 0))
        made[data["key"]] = c
    return len(made)


def _load_big_thread(article, comments: list[dict]) -> int:
    """Bulk insert, parents first, as published history."""
    made: dict[str, Comment] = {}
    base = article.published_at
    batch: list[tuple[str, Comment]] = []

    def flush():
        objs = Comment.objects.bulk_create([c for _, c in batch], batch_size=500)
        for (key, _), obj in zip(batch, objs, strict=True):
            made[key] = obj
        batch.clear()

    for data in comments:
        parent_key = data.get("parent")
        if parent_key and parent_key not in made:
            flush()
        parent = made.get(parent_key) if parent_key else None
        c = _comment(article, data, parent, None)
        when = base + timedelta(minutes=data.get("minutes_after", 0))
        c.status = CommentStatus.PUBLISHED
        c.like_count = data.get("likes", 0)
        c.published_at = when
        c.created_at = when
        batch.append((data["key"], c))
    flush()
    # auto_now_add overrides created_at on insert; set it from published_at.
    from django.db.models import F

    Comment.objects.filter(article=article).update(created_at=F("published_at"))
    return len(made)


@transaction.atomic
def demo_load(*, only_if_empty: bool = True, big_thread_size: int = 1200) -> str:
    if only_if_empty and Article.objects.exists():
        return "Demo content not loaded: the site already has articles."
    now = timezone.now()
    Policy.objects.get_or_create(scope="site", defaults={"moderation_words": DEMO_MODERATION_WORDS})
    Policy.objects.get_or_create(scope="section:war", defaults={"max_links": 1})
    sections = {}
    for s in _load("sections.json"):
        sections[s["slug"]], _ = Section.objects.update_or_create(
            slug=s["slug"], defaults={k: s[k] for k in ("name", "description", "position")}
        )
    authors = {}
    for a in _load("authors.json"):
        authors[a["slug"]], _ = Author.objects.update_or_create(
            slug=a["slug"], defaults={k: a.get(k, "") for k in ("name", "role", "bio")}
        )
    site = _load("site.json")
    for i, p in enumerate(site["promos"]):
        Promo.objects.get_or_create(title=p["title"], defaults={**p, "position": i})
    report = site["free_report"]
    FreeReport.objects.get_or_create(title=report["title"], defaults=report)
    for slug, key in ((SitePage.COMMENTING_POLICY, "commenting_policy"), ("about", "about")):
        SitePage.objects.update_or_create(slug=slug, defaults=site[key])

    articles = {}
    for a in _load("articles.json"):
        art, _ = Article.objects.update_or_create(
            slug=a["slug"],
            defaults={
                "headline": a["headline"],
                "standfirst": a["standfirst"],
                "body": a["body"],
                "author": authors[a["author"]],
                "status": ArticleStatus.PUBLISHED,
                "published_at": now - timedelta(hours=a["hours_ago"]),
            },
        )
        art.sections.set([sections[s] for s in a["sections"]])
        art.tags.set(
            [
                Tag.objects.get_or_create(slug=slugify(t), defaults={"name": t})[0]
                for t in a.get("tags", [])
            ]
        )
        articles[a["slug"]] = art

    counts = {}
    threads_file = DEMO_DIR / "threads.json"
    if threads_file.exists():
        for thread in _load("threads.json"):
            art = articles.get(thread["article"])
            if art:
                counts[art.slug] = _load_thread(art, thread["comments"], screen=True)
    big_file = DEMO_DIR / "big_thread.py"
    if big_file.exists() and big_thread_size:
        from soundoff.newsroom.demo.big_thread import BIG_THREAD_ARTICLE, big_thread_comments

        art = articles.get(BIG_THREAD_ARTICLE)
        if art:
            counts[art.slug] = counts.get(art.slug, 0) + _load_big_thread(
                art, big_thread_comments(big_thread_size)
            )
    for art in articles.values():
        services.article_changed(article_id=art.pk)
    total = sum(counts.values())
    return (
        f"Loaded {len(articles)} articles in {len(sections)} sections by {len(authors)} "
        f"authors, with {total} comments."
    )
