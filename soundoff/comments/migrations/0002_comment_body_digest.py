"""A digest of each comment's text, indexed with its article, so the exact-duplicate check
is one index probe instead of a scan of the thread's texts."""

from django.db import migrations, models

import soundoff.comments.models

BATCH = 1000


def fill_digests(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    digest = soundoff.comments.models.text_digest
    batch = []
    for c in Comment.objects.only("id", "body").iterator(chunk_size=BATCH):
        c.body_digest = digest(c.body)
        batch.append(c)
        if len(batch) >= BATCH:
            Comment.objects.bulk_update(batch, ["body_digest"])
            batch = []
    if batch:
        Comment.objects.bulk_update(batch, ["body_digest"])


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("newsroom", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="body_digest",
            field=soundoff.comments.models.DigestField(default="", source="body"),
        ),
        migrations.RunPython(fill_digests, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                fields=["article", "body_digest"], name="comments_co_article_10283c_idx"
            ),
        ),
    ]
