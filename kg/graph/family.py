"""Family ties implied by a household's relations to its head.

Police rows say how each member relates to the head of the 户 (配偶, 子, 女, 父亲,
母亲 …); family-planning rows give a role in the family file (户主, 配偶, 子女).
Only ties that follow from a single statement are drawn: the head's spouse, the
head's children (and, when the household has exactly one spouse of the head,
that spouse's children too), the head's parents. Grandchildren are left out: the
row does not say which of the head's children is the parent.
"""

from __future__ import annotations

from collections.abc import Sequence

from resolvers.mentions import MentionKey, PersonMention

HEAD = "户主"
SPOUSE = "配偶"
CHILDREN = {"子", "女", "子女"}
PARENTS = {"父亲", "母亲"}

FamilyRel = tuple[str, str, str, MentionKey]


def family_rels(members: Sequence[tuple[str, PersonMention]]) -> list[FamilyRel]:
    """(type, start person, end person, the stating mention) for one household."""
    heads = [(pid, m) for pid, m in members if m.relation == HEAD]
    if len({pid for pid, _ in heads}) != 1:
        return []  # no head, or two different heads: nothing can be said relative to "the head"
    head = heads[0][0]
    spouses = {pid for pid, m in members if m.relation == SPOUSE and pid != head}
    out: list[FamilyRel] = []
    for pid, m in members:
        if pid == head:
            continue
        if m.relation == SPOUSE:
            out.append(("SPOUSE_OF", head, pid, m.key))
        elif m.relation in CHILDREN:
            out.append(("PARENT_OF", head, pid, m.key))
            if len(spouses) == 1:
                out.append(("PARENT_OF", next(iter(spouses)), pid, m.key))
        elif m.relation in PARENTS:
            out.append(("PARENT_OF", pid, head, m.key))
    return out
