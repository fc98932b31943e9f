"""Soundoff: a self-hosted news site and comment platform with local moderation."""

__version__ = "0.1.0"
