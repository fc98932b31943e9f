"""Local development and `make run`: the embedded default (SQLite, DB task worker)."""

from soundoff.config.settings.base import *  # noqa: F403
from soundoff.config.settings.base import ENV

DEBUG = ENV.debug
