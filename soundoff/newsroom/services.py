from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from soundoff.newsroom.models import Article, ArticleStatus, RelatedArticle
from soundoff.newsroom.related import Doc, rank_related


def article_changed(*, article_id: int) -> None:
    """Call after an article is saved: related stories are recomputed in the background."""
    from soundoff.newsroom import tasks

    transaction.on_commit(lambda: tasks.article_relate.enqueue(article_id))


def article_publish(*, article: Article, at=None) -> Article:
    """Publish now, or schedule for `at` (a future time)."""
    now = timezone.now()
    at = at or now
    article.published_at = at
    article.status = ArticleStatus.SCHEDULED if at > now else ArticleStatus.PUBLISHED
    article.save(update_fields=["published_at", "status", "updated_at"])
    article_changed(article_id=article.pk)
    return article


def _doc(article: Article) -> Doc:
    return Doc(
        id=article.pk,
        text=f"{article.headline}\n{article.headline}\n{article.standfirst}\n{article.body}",
        sections=frozenset(s.pk for s in article.sections.all()),
        tags=frozenset(t.pk for t in article.tags.all()),
    )


def related_recompute(*, article_id: int, limit: int = 6) -> list[int]:
    """Recompute the related stories of one article (and keep others' lists fresh)."""
    article = Article.objects.prefetch_related("sections", "tags").get(pk=article_id)
    candidates = list(
        Article.objects.exclude(status=ArticleStatus.DRAFT).prefetch_related("sections", "tags")
    )
    corpus = [_doc(a) for a in candidates]
    ranked = rank_related(_doc(article), corpus, limit=limit)
    with transaction.atomic():
        RelatedArticle.objects.filter(article=article).delete()
        RelatedArticle.objects.bulk_create(
            [RelatedArticle(article=article, related_id=rid, score=s) for rid, s in ranked]
        )
    return [rid for rid, _ in ranked]
