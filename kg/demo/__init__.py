"""Synthetic district generator with ground truth, and the evaluation harness.

The generator builds a true world (persons, households, dwellings, organisations),
writes the five departmental extracts in the exact contract layouts with realistic
errors, and writes ``truth.csv`` in the links-export format so that a resolver's
``links.csv`` can be scored with :func:`kg.demo.evaluate.evaluate`.
"""

from __future__ import annotations

from kg.demo.evaluate import Scores, evaluate
from kg.demo.generate import DemoFiles, generate

__all__ = ["DemoFiles", "Scores", "evaluate", "generate"]
