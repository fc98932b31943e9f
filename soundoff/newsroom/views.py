from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from soundoff.comments.views import comment_section_context
from soundoff.newsroom import selectors
from soundoff.newsroom.markup import render_body
from soundoff.newsroom.models import Article, Author, FreeReport, Section, SitePage, Tag


def home(request):
    latest = list(selectors.live_articles()[:5])
    return render(
        request,
        "newsroom/home.html",
        {
            "lead": latest[0] if latest else None,
            "latest": latest[1:],
            "sections": selectors.home_sections(),
        },
    )


def _paged(request, queryset, per_page=12):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def section(request, slug: str):
    section = get_object_or_404(Section, slug=slug)
    page = _paged(request, selectors.live_articles().filter(sections=section))
    return render(request, "newsroom/section.html", {"section": section, "page": page})


def author(request, slug: str):
    author = get_object_or_404(Author, slug=slug)
    page = _paged(request, selectors.live_articles().filter(author=author))
    return render(request, "newsroom/author.html", {"author": author, "page": page})


def tag(request, slug: str):
    tag = get_object_or_404(Tag, slug=slug)
    page = _paged(request, selectors.live_articles().filter(tags=tag))
    return render(request, "newsroom/tag.html", {"tag": tag, "page": page})


def article(request, slug: str):
    article = get_object_or_404(
        Article.objects.select_related("author", "promo").prefetch_related("sections", "tags"),
        slug=slug,
    )
    if not article.is_live and not request.user.has_perm("newsroom.change_article"):
        raise Http404("No such article")
    comments = comment_section_context(
        request,
        article,
        sort=request.GET.get("sort", "oldest"),
        page=request.GET.get("page", 1),
    )
    context = {
        "article": article,
        "body_html": selectors.article_body_html(article),
        "sections": list(article.sections.all()),
        # The thread has counted the published comments already.
        "comment_count": comments["thread"].total_published,
        "related": selectors.related_articles(article),
        "promo": selectors.promo_for(article),
        "free_report": FreeReport.objects.filter(is_active=True).first(),
        "policy_page": SitePage.objects.filter(slug=SitePage.COMMENTING_POLICY).first(),
        **comments,
    }
    return render(request, "newsroom/article.html", context)


def page(request, slug: str):
    page = get_object_or_404(SitePage, slug=slug)
    return render(
        request, "newsroom/page.html", {"page": page, "body_html": render_body(page.body, {})}
    )


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    results = _paged(request, selectors.search_articles(query)) if query else None
    return render(request, "newsroom/search.html", {"query": query, "page": results})


@require_GET
@cache_control(max_age=86400)
def robots_txt(request):
    sitemap = f"{settings.SITE_URL}/sitemap.xml"
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /moderation/",
        "Disallow: /comments/",
        "Disallow: /newsletter/confirm/",
        "Disallow: /newsletter/unsubscribe/",
        "Disallow: /newsletter/report/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
