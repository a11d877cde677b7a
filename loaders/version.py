"""The version of the normalisers' output, stored with the records they produced.

Why: a record's normalised ``fields`` are computed once, at load, and the resolver
reads them, not the raw cells. When a normaliser learns something (a new address
form, a public body's short name), records loaded before it keep the old reading,
and loading the same file again changes nothing (its raw cells did not change). A
store whose records were read by another version would then resolve old and new
readings of one thing apart. So the ledger records this number; ``kg load`` and
``kg resolve`` refuse a store normalised by another version, and ``kg renormalise``
reads every stored row again from its raw cells.

Bump it whenever a normaliser gives a different result for the same raw text.
"""

from __future__ import annotations

from typing import Final

#: 1: everything before versioning. 2: Shanghai lanes, Guangzhou 巷 lanes, 之N next
#: doors and 梯 stairwells, tower floors, village groups, one-character towns and
#: city-named roads; year-month columns; public-body organisation names; traditional →
#: simplified to a fixed point (薴 → 苧 → 苎). 3: floor + door flats (4层1号 = 401),
#: 社 village groups, 附 annexes, road sections (南三段), 街办 towns, short autonomous
#: prefectures (凉山州) and simplified county names (乾县 → 干县); organisation names
#: written with a department or a retired-from mark. 4: 经济社 = 经济合作社 (a village
#: group's economic co-operative written short).
NORMALISER_VERSION: Final = 4
