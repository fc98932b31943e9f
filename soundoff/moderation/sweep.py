"""The moderation sweep: resume screening that an outage interrupted and send the
moderators' digest when items wait too long. `soundoff worker` runs it in a thread of the
task worker; `soundoff manage moderation_sweep` runs it on its own (once, or in a loop)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import close_old_connections

from soundoff.moderation import digest, services


def sweep_once() -> dict[str, int]:
    """One pass: resume screening that an outage interrupted, send a due digest."""
    result = services.stale_sweep()
    result["digests"] = digest.digest_send()
    return result


def sweep_forever(
    every: float, write: Callable[[str], object], write_error: Callable[[str], object]
) -> None:
    """Sweep every `every` seconds until the process stops; a failed pass (the database
    is down, say) is reported and the loop goes on."""
    while True:
        close_old_connections()  # a connection the database dropped is not reused
        try:
            result = sweep_once()
            if any(result.values()):
                write(f"moderation sweep: {result}")
        except Exception as exc:
            write_error(f"moderation sweep failed: {exc}")
        time.sleep(every)
