"""Data migrations fill what they add on a database that already has rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from soundoff.comments.models import text_digest

BEFORE = [("comments", "0001_initial")]
AFTER = [("comments", "0002_comment_body_digest")]


@pytest.mark.django_db(transaction=True)
def test_existing_comments_get_the_digest_of_their_text():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Article = old.get_model("newsroom", "Article")
    Comment = old.get_model("comments", "Comment")
    author = old.get_model("newsroom", "Author").objects.create(name="Kit", slug="kit")
    article = Article.objects.create(headline="Bridge", slug="bridge", body="Text.", author=author)
    bodies = ["First words", "Second words", ""]
    ids = [
        Comment.objects.create(article=article, author_name="A", body=b, body_html=b).pk
        for b in bodies
    ]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    from soundoff.comments.models import Comment as Current

    digests = dict(Current.objects.filter(pk__in=ids).values_list("pk", "body_digest"))
    assert digests == {pk: text_digest(b) for pk, b in zip(ids, bodies, strict=True)}
