from django import template

from soundoff.newsroom.models import Section

register = template.Library()


@register.simple_tag
def nav_sections():
    return list(Section.objects.only("name", "slug"))


@register.simple_tag(takes_context=True)
def article_jsonld(context, article):
    """schema.org NewsArticle as JSON-LD (a data block; browsers never execute it)."""
    import json

    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    base = context.get("site_url", "")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline[:110],
        "description": article.standfirst,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": article.author.name,
                "url": base + article.author.get_absolute_url(),
            }
        ],
        "articleSection": [s.name for s in article.sections.all()],
        "keywords": [t.name for t in article.tags.all()],
        "mainEntityOfPage": base + article.get_absolute_url(),
        "commentCount": context.get("comment_count", 0),
        "publisher": {"@type": "Organization", "name": context.get("site_name", "")},
    }
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
