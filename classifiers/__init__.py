"""raqib's multilingual rule-based classifier.

    classify(title, text, lang=None, published=None) -> Classification

Rules are data (``classifiers/rules/``), compiled once per process into one automaton.
"""

from __future__ import annotations

from classifiers.engine import classify

__all__ = ["classify"]
