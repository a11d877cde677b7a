"""Name-only references (an owner, a tenant, a spouse written with a name alone) join
the one person who bears the name, and nobody when the name is shared."""

from __future__ import annotations

from dataclasses import replace

from resolvers.mentions import MentionKey, PersonMention
from resolvers.persons.resolve import resolve_persons
from resolvers.persons.unique_names import attach_unique_names, name_only
from tests.resolvers.person_factories import features, mention, valid_id

ID_A = valid_id("42011119850312123")
ID_B = valid_id("42011119900101456")


def owner(rid: str, name: str, role: str = "owner", house: str = "dX") -> PersonMention:
    return replace(mention(("housing", rid, role), name, dwellings=(house,)), context=True)


def resident(rid: str, name: str, id_number: str, house: str = "d1") -> PersonMention:
    return mention(rid, name, id_number=id_number, dwellings=(house,))


def attach(ms: list[PersonMention], cannot: list[tuple[int, int]] | None = None) -> list[int]:
    labels, _ = attach_unique_names([features(m) for m in ms], list(range(len(ms))), cannot or [])
    return labels


def test_only_a_context_reference_with_nothing_but_a_name_is_name_only() -> None:
    assert name_only(features(owner("h1", "梁雪欣")))
    assert not name_only(features(resident("p1", "梁雪欣", ID_A)))
    with_id = replace(mention(("housing", "h1", "owner"), "梁雪欣", id_number=ID_A), context=True)
    assert not name_only(features(with_id))
    assert not name_only(features(owner("h1", "梁")))  # one character is not a name


def test_a_name_only_owner_joins_the_one_bearer_of_the_name() -> None:
    labels = attach([resident("p1", "梁雪欣", ID_A), owner("h1", "梁雪欣")])
    assert labels[0] == labels[1]


def test_traditional_characters_are_the_same_name() -> None:
    labels = attach([resident("p1", "何刚", ID_A), owner("h1", "何剛")])
    assert labels[0] == labels[1]


def test_a_former_name_counts_as_borne() -> None:
    p = mention("p1", "王新", id_number=ID_A, former="王萱云")
    labels = attach([p, owner("h1", "王萱云")])
    assert labels[0] == labels[1]


def test_a_shared_name_joins_nobody() -> None:
    labels = attach(
        [resident("p1", "张伟", ID_A), resident("p2", "张伟", ID_B), owner("h1", "张伟")]
    )
    assert len(set(labels)) == 3


def test_a_name_nobody_bears_stays_alone() -> None:
    labels = attach([resident("p1", "梁雪欣", ID_A), owner("h1", "梁雪")])
    assert labels[0] != labels[1]


def test_never_across_a_cannot_link() -> None:
    labels = attach([resident("p1", "梁雪欣", ID_A), owner("h1", "梁雪欣")], cannot=[(0, 1)])
    assert labels[0] != labels[1]


def test_owner_and_tenant_of_one_row_do_not_both_join() -> None:
    ms = [resident("p1", "梁雪欣", ID_A), owner("h1", "梁雪欣"), owner("h1", "梁雪欣", "tenant")]
    labels = attach(ms, cannot=[(1, 2)])
    assert labels[1] != labels[2]
    assert labels[0] in (labels[1], labels[2])


def test_resolve_persons_places_an_owner_of_a_second_flat_and_says_why() -> None:
    ms = [
        resident("p1", "梁雪欣", ID_A, house="d1"),
        mention(("family_planning", "f1", "person"), "梁雪欣", id_number=ID_A, dwellings=("d1",)),
        resident("p2", "邓辉成", ID_B, house="d2"),
        owner("h9", "梁雪欣", house="d7"),  # a flat she owns but does not live in
    ]
    result, _model = resolve_persons(ms, lambda ref: ref)
    key: MentionKey = ("housing", "h9", "owner")
    assert result.clusters[key] == result.clusters[("police", "p1", "person")]
    assert result.clusters[key] != result.clusters[("police", "p2", "person")]
    [pair] = [p for p in result.pairs if key in (p.a, p.b)]
    assert pair.decision == "match"
    assert "unique name" in pair.note
    assert result.stats["unique_name_attachments"] == 1
