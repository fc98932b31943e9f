"""Background moderation work. Tasks take ids and call one service."""

from __future__ import annotations

from django.tasks import task

from soundoff.moderation import services


@task(queue_name="moderation")
def case_screen(case_id: int) -> str:
    return services.case_screen(case_id=case_id)


@task(queue_name="moderation")
def stale_sweep() -> dict[str, int]:
    return services.stale_sweep()


@task(queue_name="moderation")
def digest_send() -> int:
    from soundoff.moderation import digest

    return digest.digest_send()
