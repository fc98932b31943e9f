from django.tasks import task

from soundoff.newsroom import services


@task(queue_name="newsroom")
def article_relate(article_id: int) -> list[int]:
    return services.related_recompute(article_id=article_id)
