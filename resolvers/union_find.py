"""Union-find (disjoint sets) with path compression and union by size.

Why a class of our own: every entity space ends with "which mentions belong
together", and the pieces that decide it (exact keys, fuzzy merges, curated
must-links) are unions. ``UnionFind`` is the plain structure; ``GuardedUnionFind``
adds the one constraint all resolvers need: some items must *never* end up
together (a curated cannot-link; two different valid credit codes), and a chain
of otherwise good unions must not join them either.

    >>> uf = UnionFind(4)
    >>> uf.union(0, 2), uf.union(2, 0)
    (True, False)
    >>> uf.components()
    [[0, 2], [1], [3]]

Both classes are deterministic: the same sequence of calls gives the same
components in the same order.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Literal

__all__ = ["GuardedUnionFind", "UnionFind"]


class UnionFind:
    """Disjoint sets over the integers ``0 .. n-1``.

    ``find`` compresses paths (iteratively: no recursion limit on long chains);
    ``union`` hangs the smaller tree under the larger, so both are near O(1)
    amortised.
    """

    __slots__ = ("_parent", "_size")

    def __init__(self, n: int) -> None:
        if n < 0:
            raise ValueError("n must be >= 0")
        self._parent = list(range(n))
        self._size = [1] * n

    def __len__(self) -> int:
        return len(self._parent)

    def find(self, i: int) -> int:
        """The representative of ``i``'s set."""
        parent = self._parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:  # path compression
            parent[i], i = root, parent[i]
        return root

    def union(self, i: int, j: int) -> bool:
        """Join the sets of ``i`` and ``j``; False when they were already one set."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        self._link(ri, rj)
        return True

    def _link(self, ri: int, rj: int) -> int:
        """Hang the smaller root under the larger (ties: under the smaller index)."""
        size = self._size
        if size[ri] < size[rj] or (size[ri] == size[rj] and rj < ri):
            ri, rj = rj, ri
        self._parent[rj] = ri
        size[ri] += size[rj]
        return ri

    def components(self) -> list[list[int]]:
        """Every set as a sorted list, the sets ordered by their smallest member."""
        groups: dict[int, list[int]] = {}
        for i in range(len(self._parent)):
            groups.setdefault(self.find(i), []).append(i)
        return list(groups.values())


UnionOutcome = Literal["merged", "same", "refused"]


class GuardedUnionFind(UnionFind):
    """A union-find that refuses unions joining items kept apart.

    Two kinds of guard, both checked against whole sets, so no chain of unions
    can get round them:

    * ``keep_apart(i, j)``: ``i`` and ``j`` never share a set (a cannot-link);
    * ``label(i, value)``: sets holding two different labels never merge (an
      identity such as a valid credit code).

    The guards live on the roots as ``{slot: value}`` maps and are merged small
    into large; items without guards cost nothing.
    """

    __slots__ = ("_guards", "_pairs")

    _LABEL = "label"

    def __init__(self, n: int) -> None:
        super().__init__(n)
        self._guards: dict[int, dict[Hashable, Hashable]] = {}
        self._pairs = 0

    def keep_apart(self, i: int, j: int) -> bool:
        """Forbid ``i`` and ``j`` sharing a set; False if they already do (nothing done)."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return False
        slot = ("apart", self._pairs)
        self._pairs += 1
        self._guards.setdefault(ri, {})[slot] = 0
        self._guards.setdefault(rj, {})[slot] = 1
        return True

    def label(self, i: int, value: Hashable) -> bool:
        """Give ``i``'s set the label ``value``; False if it already holds another one."""
        guards = self._guards.setdefault(self.find(i), {})
        held = guards.setdefault(self._LABEL, value)
        return bool(held == value)

    def label_of(self, i: int) -> Hashable | None:
        """The label of ``i``'s set, if any."""
        return self._guards.get(self.find(i), {}).get(self._LABEL)

    def allowed(self, i: int, j: int) -> bool:
        """Whether ``union(i, j)`` would be allowed (True when already one set)."""
        ri, rj = self.find(i), self.find(j)
        return ri == rj or not self._conflict(ri, rj)

    def _conflict(self, ri: int, rj: int) -> bool:
        gi, gj = self._guards.get(ri), self._guards.get(rj)
        if not gi or not gj:
            return False
        if len(gi) > len(gj):
            gi, gj = gj, gi
        return any(slot in gj and gj[slot] != value for slot, value in gi.items())

    def try_union(self, i: int, j: int) -> UnionOutcome:
        """Join unless a guard forbids it: ``"merged"``, ``"same"`` or ``"refused"``."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return "same"
        if self._conflict(ri, rj):
            return "refused"
        root = self._link(ri, rj)
        other = rj if root == ri else ri
        moved = self._guards.pop(other, None)
        if moved:
            kept = self._guards.setdefault(root, {})
            if len(kept) < len(moved):
                kept, moved = moved, kept
                self._guards[root] = kept
            kept.update(moved)
        return "merged"

    def union(self, i: int, j: int) -> bool:
        """As ``UnionFind.union``, but False also when a guard refuses the union."""
        return self.try_union(i, j) == "merged"
