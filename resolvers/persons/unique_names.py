"""A reference that gives only a name joins the one person in the district with that name.

Why a rule after clustering and not a weight: an owner, tenant or spouse written with
a name and nothing else (no ID, no birth date, no phone) can only be compared on the
name, and pairwise that is close to even odds. The term-frequency weight of a name
held by one person in N is about log2 N, and the prior that two random references
are one person is about -log2 N, so the pair lands at p ≈ 0.5 whatever the name,
and a dwelling that differs (the owner of a second flat, a stale address) tips it to
a non-match. But the question such a reference asks is not "is this pair one
person" but "which person is this", and when exactly one person in the whole
district bears the name (their own rows say so, with an ID or a birth date), the
only alternative is someone who appears in no register of the district except as
this one reference and happens to share a name nobody else here has.

So, after clustering: a group made only of name-only references joins the person
when every name in the group is borne by that one person (as a name or a former
name) and by no other group that has more than a name. It joins nobody when two
people bear the name (张伟, twins' parents, namesakes), and never across a
cannot-link (a spouse is not the subject who names them; the owner and the tenant
of one row are two people; a curator's decision).

What it gets wrong, knowingly: a father and son with one name, the son registered
and the father named only as an owner, become one person. That is rarer than the
owners and spouses it does place, and it is listed with its reason, like every
decision, in ``kg explain``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from resolvers.persons.compare import PersonFeatures, is_minor, minor_since

MIN_NAME_CHARS = 2


@dataclass(frozen=True)
class Attachment:
    """Mention ``a`` (name only) joined the person of mention ``b``, who bears ``name``."""

    a: int
    b: int
    name: str


def name_only(f: PersonFeatures) -> bool:
    """A reference with a name and nothing that identifies the person by itself."""
    return (
        f.context
        and f.name is not None
        and len(f.name) >= MIN_NAME_CHARS
        and f.id_value is None
        and f.birth is None
        and not f.phones
    )


def attach_unique_names(
    features: Sequence[PersonFeatures],
    labels: Sequence[int],
    cannot_link: Iterable[tuple[int, int]],
    since: str | None = None,
) -> tuple[list[int], list[Attachment]]:
    """New labels with name-only groups joined to the one bearer of their name.

    A group naming an adult role (a spouse, tenant, legal representative) does not join
    a bearer who is a minor (born after ``since``, default ``compare.minor_since()``):
    the only 胡林 of the district being six years old makes him nobody's tenant."""
    since = since or minor_since()
    members: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        members[label].append(i)
    weak = {label for label, ms in members.items() if all(name_only(features[i]) for i in ms)}
    minors = {labels[i] for i, f in enumerate(features) if is_minor(f, since)}
    bearers: dict[str, set[int]] = defaultdict(set)
    first_bearing: dict[tuple[str, int], int] = {}
    for i, f in enumerate(features):
        label = labels[i]
        if label in weak:
            continue
        for name in (f.name, *f.former) if f.name else f.former:
            bearers[name].add(label)
            first_bearing.setdefault((name, label), i)
    apart: dict[int, set[int]] = defaultdict(set)
    for i, j in cannot_link:
        apart[labels[i]].add(labels[j])
        apart[labels[j]].add(labels[i])

    new = list(labels)
    attached: list[Attachment] = []
    for label in sorted(weak):
        ms = members[label]
        names = {n for i in ms if (n := features[i].name)}
        targets = {frozenset(bearers.get(n, ())) for n in names}
        if len(targets) != 1:
            continue
        (target_set,) = targets
        if len(target_set) != 1:
            continue
        (target,) = target_set
        if target in apart[label] or label in apart[target]:
            continue
        if target in minors and any(features[i].adult_role for i in ms):
            continue
        for i in ms:
            new[i] = target
        for other in apart[label]:  # the joined group's cannot-links are now the person's
            apart[target].add(other)
            apart[other].add(target)
        name = min(names)
        attached.append(Attachment(min(ms), first_bearing[(name, target)], name))
    return new, attached
