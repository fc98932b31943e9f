"""Fast text facts used by the rules: links, their domains, listed words."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

URL_RE = re.compile(
    r"""(?ix)
    \b(?:https?://|www\.)[^\s<>"'\])]+        # explicit links
    |\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|biz|ru|xyz|top|io|co|shop|site|online)
       (?:/[^\s<>"'\])]*)?\b                   # bare domains spammers use
    """
)


def find_links(text: str) -> list[str]:
    return [m.group(0).rstrip(".,;:!?") for m in URL_RE.finditer(text)]


def link_domain(link: str) -> str:
    target = link if "://" in link else f"http://{link}"
    host = (urlsplit(target).hostname or "").lower()
    return host.removeprefix("www.")


def domain_matches(host: str, blocked: str) -> bool:
    blocked = blocked.lower().strip().removeprefix("www.")
    return bool(blocked) and (host == blocked or host.endswith("." + blocked))


def fold(text: str) -> str:
    """Case- and compatibility-folded text for list matching."""
    return unicodedata.normalize("NFKC", text).casefold()


def find_listed(text: str, phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Listed words or phrases found in text, on word boundaries (case-insensitive)."""
    folded = fold(text)
    found = []
    for phrase in phrases:
        p = fold(phrase).strip()
        if p and re.search(r"(?<!\w)" + re.escape(p) + r"(?!\w)", folded):
            found.append(phrase.strip())
    return tuple(found)


def parse_lines(value: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in value.splitlines() if line.strip())
