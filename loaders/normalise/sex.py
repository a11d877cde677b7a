"""Sex / gender cells → ``"M"``, ``"F"`` or ``None``.

Why: departments code sex as 男/女, GB/T 2261.1 digits (1 male, 2 female, 0 unknown,
9 unstated), M/F or English words. The resolver treats a sex mismatch as strong
negative evidence, so an unknown or unreadable value must become ``None`` (no
evidence) rather than a guess.
"""

from __future__ import annotations

from loaders.normalise.text import clean_text, to_simplified

__all__ = ["normalise_sex"]

_MALE = frozenset({"男", "男性", "男士", "先生", "1", "m", "male", "man", "boy"})
_FEMALE = frozenset({"女", "女性", "女士", "2", "f", "female", "woman", "girl"})


def normalise_sex(raw: str | None) -> str | None:
    """``"M"``/``"F"``; ``None`` for blank, unknown (0, 9, 未知, 未说明) or unreadable values."""
    text = to_simplified(clean_text(raw)).lower().replace(" ", "")
    if text.endswith(".0") and text[:-2].isdigit():  # Excel numbers: 1.0 / 2.0
        text = text[:-2]
    if text in _MALE:
        return "M"
    if text in _FEMALE:
        return "F"
    return None
