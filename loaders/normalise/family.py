"""Family ties: police 与户主关系 and family-planning 家庭角色 → a closed vocabulary.

Why: the graph builds SPOUSE_OF / PARENT_OF edges from these cells, and clerks
write the same tie many ways (妻, 妻子, 爱人; 长子, 之子, 独生子). Only the
canonical values from the data contract leave this module: police relations map to
户主, 配偶, 子, 女, 父亲, 母亲, 孙子, 孙女, 兄弟姐妹, 其他; family roles to 户主,
配偶, 子女. Anything recognisable but outside the list (岳父, 儿媳, 侄子) is 其他,
so that it never turns into a parent or spouse edge by accident.
"""

from __future__ import annotations

from loaders.normalise.text import clean_text, to_simplified

__all__ = ["FAMILY_ROLES", "RELATIONS", "canonical_family_role", "canonical_relation"]

RELATIONS = ("户主", "配偶", "子", "女", "父亲", "母亲", "孙子", "孙女", "兄弟姐妹", "其他")
FAMILY_ROLES = ("户主", "配偶", "子女")

_RELATION_WORDS: dict[str, str] = {
    "户主": "户主 本人 户主本人 本户 自己",
    "配偶": "配偶 妻 妻子 夫 丈夫 爱人 老婆 老公",
    "子": "子 儿 儿子 之子 独生子 长子 次子 三子 四子 五子 幼子 养子 继子",
    "女": "女 女儿 之女 独生女 长女 次女 三女 四女 五女 幼女 养女 继女",
    "父亲": "父 父亲 爸爸 继父 养父",
    "母亲": "母 母亲 妈妈 继母 养母",
    "孙子": "孙 孙子 外孙 外孙子",
    "孙女": "孙女 外孙女",
    "兄弟姐妹": "兄弟姐妹 兄 弟 姐 妹 兄弟 姐妹 哥 哥哥 弟弟 姐姐 妹妹 兄妹 姐弟",
}
_RELATION_MAP: dict[str, str] = {
    word: canonical for canonical, words in _RELATION_WORDS.items() for word in words.split()
}

_ROLE_MAP: dict[str, str] = {
    "户主": "户主",
    "配偶": "配偶",
    "子": "子女",
    "女": "子女",
}


def _key(raw: str | None) -> str:
    return to_simplified(clean_text(raw)).replace(" ", "")


def canonical_relation(raw: str | None) -> str | None:
    """Relation to the head of household; ``None`` for a blank cell, 其他 if unknown."""
    text = _key(raw)
    if not text:
        return None
    return _RELATION_MAP.get(text, "其他")


def canonical_family_role(raw: str | None) -> str | None:
    """Family-planning 家庭角色 → 户主, 配偶 or 子女; ``None`` if blank or another role."""
    text = _key(raw)
    if not text:
        return None
    if text in ("子女", "孩子", "小孩"):
        return "子女"
    relation = _RELATION_MAP.get(text)
    return _ROLE_MAP.get(relation) if relation is not None else None
