from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from soundoff.comments import markup
from soundoff.comments.models import Comment, CommentStatus
from soundoff.newsroom.models import Article, ArticleStatus, Author, Section, Tag


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    role = "Reporter"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Council approves plan number {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    standfirst = "A short summary of the story."
    body = "The council met on Tuesday.\n\nIt approved the plan after a long debate."
    author = factory.SubFactory(AuthorFactory)
    status = ArticleStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def sections(self, create, extracted, **kwargs):
        if create:
            self.sections.set(extracted if extracted is not None else [SectionFactory()])

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment inserted directly (no screening); use services to go through moderation."""

    class Meta:
        model = Comment

    article = factory.SubFactory(ArticleFactory)
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    body = factory.Sequence(lambda n: f"A thoughtful comment, number {n}.")
    body_html = factory.LazyAttribute(lambda o: markup.render(o.body))
    status = CommentStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


def published_thread(article, *, roots: int, replied: int) -> list[Comment]:
    """Insert `roots` published top-level comments in bulk, the first `replied` of them
    with one published reply each; returns the top-level comments."""
    tops = Comment.objects.bulk_create(
        [
            Comment(
                article=article,
                author_name=f"r{i}",
                body="x",
                body_html="<p>x</p>",
                status=CommentStatus.PUBLISHED,
            )
            for i in range(roots)
        ]
    )
    Comment.objects.bulk_create(
        [
            Comment(
                article=article,
                parent=r,
                root=r,
                depth=1,
                author_name="y",
                body="y",
                body_html="<p>y</p>",
                status=CommentStatus.PUBLISHED,
            )
            for r in tops[:replied]
        ]
    )
    return tops


def posted_by_readers(article, bodies) -> list[Comment]:
    """Each body posted through the comment service by a reader of its own (own address)."""
    from soundoff.comments import services

    return [
        services.comment_create(
            article=article,
            body=body,
            author_name=f"Reader {i}",
            poster=services.Poster(ip=f"192.0.2.{i}", reader_key=f"r{i}"),
        )
        for i, body in enumerate(bodies)
    ]
