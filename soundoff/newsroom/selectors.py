from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from soundoff.comments.selectors import with_comment_counts
from soundoff.newsroom.markup import render_body, story_slugs
from soundoff.newsroom.models import Article, Promo, Section

CARD_PREFETCH = (Prefetch("sections", queryset=Section.objects.order_by("position")),)


def live_articles() -> QuerySet[Article]:
    return with_comment_counts(
        Article.objects.live().select_related("author").prefetch_related(*CARD_PREFETCH)
    ).order_by("-published_at", "-id")


def home_sections(per_section: int = 4) -> list[tuple[Section, list[Article]]]:
    """Latest stories per section for the front page."""
    out = []
    for section in Section.objects.filter(show_on_home=True):
        items = list(live_articles().filter(sections=section)[:per_section])
        if items:
            out.append((section, items))
    return out


def article_body_html(article: Article) -> str:
    slugs = story_slugs(article.body)
    headlines = dict(Article.objects.live().filter(slug__in=slugs).values_list("slug", "headline"))
    return render_body(article.body, headlines)


def related_articles(article: Article, limit: int = 4) -> list[Article]:
    """Precomputed related stories (see newsroom.tasks); latest in a shared section
    as a fallback until the background job has run."""
    ids = list(article.related_links.values_list("related_id", flat=True)[:limit])
    if ids:
        found = {a.pk: a for a in live_articles().filter(pk__in=ids)}
        return [found[i] for i in ids if i in found]
    return list(
        live_articles()
        .filter(sections__in=article.sections.all())
        .exclude(pk=article.pk)
        .distinct()[:limit]
    )


def promo_for(article: Article) -> Promo | None:
    if article.promo_id and article.promo.is_active:
        return article.promo
    return Promo.objects.filter(is_active=True).first()


def search_articles(query: str) -> QuerySet[Article]:
    words = [w for w in query.split() if len(w) > 1][:8]
    if not words:
        return Article.objects.none()
    q = Q()
    for word in words:
        q &= (
            Q(headline__icontains=word)
            | Q(standfirst__icontains=word)
            | Q(body__icontains=word)
            | Q(tags__name__iexact=word)
            | Q(author__name__icontains=word)
        )
    return live_articles().filter(q).distinct()
