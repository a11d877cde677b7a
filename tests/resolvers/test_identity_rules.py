"""Two people with different valid IDs stay two people, however their other rows chain.

Namesakes born the same day, each with their own valid ID, used to merge when one of
them held the ID only in its legacy 15-digit form, or on a row whose stated birth date
was a slip or a lunar-calendar birthday: neither counted as an identity, so a row
without ID (or the weak evidence between the groups) joined the two. Twins of
different sex without an ID on one row merged through their shared flat and phone.
"""

from __future__ import annotations

import pytest

from resolvers.clustering import cluster
from resolvers.mentions import PersonMention
from resolvers.persons.compare import (
    NAME_SEX_RULE,
    hard_rule,
    identities_conflict,
    identity_token,
    ids_conflict,
    is_identity,
)
from resolvers.persons.resolve import resolve_persons
from tests.resolvers.person_factories import features, mention, valid_id

CAI_1 = valid_id("61011319420310331")  # 蔡拴劳, born 1942-03-10
CAI_2 = valid_id("61011319420310101")  # his namesake, born the same day
CAI_1_15 = "610113420310331"
CAI_2_15 = "610113420310101"


def test_a_legacy_15_digit_id_is_an_identity_and_conflicts_beyond_one_typo() -> None:
    a = features(mention("1", "蔡拴劳", CAI_1_15))
    b = features(mention("2", "蔡拴劳", CAI_2))
    assert is_identity(a) and ids_conflict(a, b)
    assert hard_rule(a, b) is not None
    # its own 18-digit form, and its form with one typo (no check character to catch it)
    assert not ids_conflict(a, features(mention("3", "蔡拴劳", CAI_1)))
    typo = features(mention("4", "蔡拴劳", CAI_1_15[:-2] + "4" + CAI_1_15[-1]))
    assert is_identity(typo) and not ids_conflict(typo, features(mention("5", "蔡拴劳", CAI_1)))
    # two 15-digit forms may each carry a typo
    two = features(mention("6", "蔡拴劳", "610113420310" + "3" + "41"))
    assert not ids_conflict(typo, two)
    assert ids_conflict(
        features(mention("7", "蔡拴劳", CAI_2_15)), features(mention("8", "蔡拴劳", CAI_1))
    )


@pytest.mark.parametrize(
    ("stated", "sex", "own"),
    [
        ("1945-12-20", None, True),
        ("1945-12-02", None, True),  # day and month digits slipped
        ("1945-11-19", None, True),  # a lunar-calendar birthday: a month off
        ("1945-11", None, True),
        ("1945-09-01", None, False),  # months away: not the bearer's date
        ("1975-06-02", None, False),  # a relative's number
        ("1945-12-20", "F", False),  # the sex digit says someone else (a twin)
    ],
)
def test_an_id_is_the_rows_own_unless_its_date_or_sex_say_otherwise(
    stated: str, sex: str | None, own: bool
) -> None:
    zhang = valid_id("61011319451220841")  # a man born 1945-12-20
    f = features(mention("1", "张保国", zhang, birth=stated, sex=sex))
    assert f.id_own is own
    assert is_identity(f) is own


def test_identity_tokens_mark_ids_written_without_a_check_character() -> None:
    legacy = identity_token(features(mention("1", "蔡拴劳", CAI_1_15)))
    full = identity_token(features(mention("2", "蔡拴劳", CAI_1)))
    other = identity_token(features(mention("3", "蔡拴劳", CAI_2)))
    assert legacy is not None and full is not None and other is not None
    assert legacy != full and not identities_conflict(legacy, full)
    assert identities_conflict(full, other) and identities_conflict(legacy, other)
    assert identity_token(features(mention("4", "蔡拴劳", CAI_1[:-1] + "0"))) is None  # bad check


def test_clustering_keeps_apart_groups_whose_identities_conflict() -> None:
    import numpy as np

    # 0 holds a 15-digit ID, 2 a different 18-digit one; 1 (no ID) matches both strongly.
    identity = [identity_token(features(mention("0", "蔡拴劳", CAI_1_15))), None]
    identity.append(identity_token(features(mention("2", "蔡拴劳", CAI_2))))
    left, right = np.array([0, 1], dtype=np.int64), np.array([1, 2], dtype=np.int64)
    prob = np.array([0.999, 0.99])
    result = cluster(
        3,
        left,
        right,
        np.log2(prob / (1 - prob)),
        prob,
        identity=identity,
        identity_conflict=identities_conflict,
        match_threshold=0.9,
        linkage_threshold=0.0,
    )
    assert result.labels[0] == result.labels[1] != result.labels[2]
    assert result.stats.refused_conflict == 1


@pytest.mark.parametrize(
    ("left", "right", "apart"),
    [
        (("孙一鸣", "M"), ("孙一诺", "F"), True),  # twins
        (("孙一鸣", "M"), ("孙一鸣", "F"), False),  # the sex mistyped
        (("王丽", "M"), ("王莉", "F"), False),  # a homophone: a clerk's slip
        (("孙一鸣", "M"), ("孙一诺", None), False),  # nothing to contradict
        (("孙一鸣", "M"), ("孙一诺", "M"), False),  # the model decides
    ],
)
def test_names_that_share_nothing_and_different_sexes_are_two_people(
    left: tuple[str, str | None], right: tuple[str, str | None], apart: bool
) -> None:
    a = features(mention("1", left[0], birth="2011-10-09", sex=left[1]))
    b = features(mention("2", right[0], birth="2011-10-09", sex=right[1]))
    assert (hard_rule(a, b) == NAME_SEX_RULE) is apart


def _resolve(mentions: list[PersonMention]) -> list[int]:
    result, _ = resolve_persons(mentions, lambda k: k)
    return [result.clusters[m.key] for m in mentions]


def _padding(n: int = 30) -> list[PersonMention]:
    """Ordinary people with two rows each, so that EM has matches to learn from."""
    out = []
    for f in range(n):
        name = "张王李赵刘陈杨黄吴周"[f % 10] + "建国秀英明华"[f % 6] + "平军"[f % 2]
        own = valid_id(f"110105{1950 + f}{1 + f % 12:02d}{10 + f % 18:02d}{f * 7 % 1000:03d}")
        out.append(mention(f"pad{f}", name, own, phones=(f"1380000{f:04d}",)))
        out.append(mention(("family_planning", f"fpad{f}", "person"), name, own))
    return out


def test_namesakes_born_the_same_day_stay_two_people_through_a_row_without_id() -> None:
    flat1 = ("d1",)
    mentions = [
        # the first 蔡拴劳: police (date written with month and day swapped) and civil
        # affairs (legacy 15-digit ID), and his flat's owner row with the 15-digit ID
        mention("p1", "蔡拴劳", CAI_1, birth="1942-10-03", dwellings=flat1),
        mention(("civil_affairs", "c1", "person"), "蔡拴劳", CAI_1_15, birth="1942-03"),
        mention(("housing", "h1", "owner"), "蔡拴劳", CAI_1_15, dwellings=flat1),
        # the second: police and civil affairs, one phone
        mention("p2", "蔡拴劳", CAI_2, birth="1942-03-10", phones=("15915555682",)),
        mention(("civil_affairs", "c2", "person"), "蔡拴劳", CAI_2_15, phones=("15915555682",)),
        # a row of the first without any ID
        mention(("housing", "h9", "owner"), "蔡拴劳", None, dwellings=flat1),
        *_padding(),
    ]
    label = _resolve(mentions)
    assert len({label[0], label[1], label[2]}) == 1
    assert label[3] == label[4]
    assert label[0] != label[3]


def test_twins_of_different_sex_stay_apart_when_one_row_lacks_the_id() -> None:
    flat, phone = ("d7",), ("18632406061",)
    boy, girl = valid_id("61011320111009705"), valid_id("61011320111009699")
    mentions = [
        mention("p1", "孙一鸣", boy, birth="2011-10-09", sex="M", phones=phone, dwellings=flat),
        mention(("family_planning", "f1", "person"), "孙一鸣", boy, "20111009", "M", phone, flat),
        mention("p2", "孙一诺", girl, birth="2011-10-09", sex="F", dwellings=flat),
        mention(("family_planning", "f2", "person"), "孙一诺", None, "2011/10/9", "F", phone, flat),
        *_padding(),
    ]
    label = _resolve(mentions)
    assert label[0] == label[1] and label[2] == label[3] and label[0] != label[2]
