"""The moderation categories scored by every tier."""

CATEGORIES: tuple[str, ...] = (
    "spam",
    "identity_attack",
    "insult",
    "threat",
    "toxicity",
    "profanity",
)
