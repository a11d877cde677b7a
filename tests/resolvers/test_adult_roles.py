"""A spouse, a tenant or a legal representative is not a child.

Such a reference, written with a name alone, used to join the one person in the district
bearing the name even when that person was six years old (the tenant 胡林 of one street
and a child 胡林 of a village). A child cannot marry, rent a flat or represent a company;
an owner can be a child (an inherited flat), so owners are left alone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from resolvers.mentions import PersonMention
from resolvers.persons.compare import ADULT_ROLE_RULE, hard_rule, is_minor, minor_since
from resolvers.persons.unique_names import attach_unique_names
from tests.resolvers.person_factories import features, mention, valid_id

TODAY = date(2025, 6, 1)
SINCE = minor_since(TODAY)  # born after 2009-06-01: under 16


def ref(role: str, name: str, id_number: str | None = None) -> PersonMention:
    return replace(
        mention(("housing", "h1", role), name, id_number, dwellings=("dX",)), context=True
    )


def child(name: str = "胡林") -> PersonMention:
    return mention("p1", name, valid_id("51010720190304123"), dwellings=("d1",))


def test_minor_since_counts_back_from_today() -> None:
    assert SINCE == "2009-06-01"
    assert minor_since(date(2024, 2, 29)) == "2008-02-29"
    assert is_minor(features(mention("1", "胡林", birth="2019-03-04")), SINCE)
    assert is_minor(features(mention("1", "胡林", birth="2012-03")), SINCE)
    assert not is_minor(features(mention("1", "胡林", birth="2009-06")), SINCE)  # undecided
    assert not is_minor(features(mention("1", "胡林", birth="1985-03-12")), SINCE)
    assert not is_minor(features(mention("1", "胡林")), SINCE)


@pytest.mark.parametrize(
    ("role", "apart"),
    [("tenant", True), ("spouse", True), ("legal_rep", True), ("owner", False)],
)
def test_an_adult_role_known_by_name_never_joins_a_child(role: str, apart: bool) -> None:
    a, b = features(ref(role, "胡林")), features(child())
    assert (hard_rule(a, b, SINCE) == ADULT_ROLE_RULE) is apart
    assert (hard_rule(b, a, SINCE) == ADULT_ROLE_RULE) is apart


def test_a_reference_with_a_birth_date_of_its_own_is_left_to_the_model() -> None:
    own = features(ref("tenant", "胡林", valid_id("51010719850312123")))
    assert not own.adult_role
    assert hard_rule(own, features(child()), SINCE) != ADULT_ROLE_RULE
    adult = features(mention("p2", "胡林", valid_id("51010719800101234")))
    assert hard_rule(features(ref("tenant", "胡林")), adult, SINCE) is None


def test_the_only_bearer_of_the_name_being_a_child_takes_no_tenant() -> None:
    fs = [features(child()), features(ref("tenant", "胡林")), features(ref("owner", "胡林"))]
    labels, attached = attach_unique_names(fs, [0, 1, 2], [], SINCE)
    assert labels[1] == 1  # the tenant stays alone
    assert labels[2] == 0  # an owner may be a child
    assert [x.a for x in attached] == [2]
