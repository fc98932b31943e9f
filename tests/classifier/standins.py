"""Stand-ins for the semantic encoder in cascade tests (no ONNX needed)."""

import numpy as np


class RecordingEncoder:
    """Embeds each text with ``embed`` and records every batch it was asked for."""

    def __init__(self, embed):
        self.embed = embed
        self.calls: list[list[str]] = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return np.array([self.embed(t) for t in texts], dtype=np.float32)
