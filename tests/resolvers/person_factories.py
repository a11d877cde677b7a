"""Builders of person mentions from raw strings, through the real normalisers."""

from __future__ import annotations

from loaders.normalise.dates import normalise_date
from loaders.normalise.ids import id_check_char, normalise_id
from loaders.normalise.names import normalise_name
from resolvers.mentions import MentionKey, PersonMention
from resolvers.persons.compare import PersonFeatures, features_of


def valid_id(prefix17: str) -> str:
    return prefix17 + id_check_char(prefix17)


def mention(
    key: MentionKey | str,
    name: str | None = None,
    id_number: str | None = None,
    birth: str | None = None,
    sex: str | None = None,
    phones: tuple[str, ...] = (),
    dwellings: tuple[str, ...] = (),
    former: str | None = None,
    employer: str | None = None,
    partner: MentionKey | None = None,
) -> PersonMention:
    if isinstance(key, str):
        key = ("police", key, "person")
    former_name = normalise_name(former) if former else None
    return PersonMention(
        key=key,
        name=normalise_name(name) if name else None,
        former_names=(former_name,) if former_name else (),
        id=normalise_id(id_number) if id_number else None,
        birth=normalise_date(birth) if birth else None,
        sex=sex,
        phones=phones,
        dwellings=dwellings,
        employer=employer,
        partner=partner,
    )


def features(m: PersonMention) -> PersonFeatures:
    return features_of(m, lambda k: k)
