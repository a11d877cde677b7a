"""The main job on a district from the independent generator (``bench/independent/``).

Why in the suite: kg's own generator (``kg/demo``) was written by the people who wrote
the resolver, so it cannot show what they did not think of. The independent one was
written from the data contract alone and found four such gaps (districts outside
Beijing written bare, village groups in Chinese numerals, XLSX rows with blank last
cells, ``{trade name}公司``). This runs its district through the real command line
(``kg load`` ×5, ``kg resolve``, ``kg export links``) and scores the links against
its truth, so none of those comes back unnoticed. The floors sit below the scores
measured at 5,000 and 20,000 residents (README), with room for a small district's
noise.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench" / "independent"
KG = Path(sys.executable).with_name("kg")
FILES = {
    "police": "police.csv",
    "civil_affairs": "civil_affairs.xlsx",
    "family_planning": "family_planning.csv",
    "housing": "housing.csv",
    "organisations": "organisations.csv",
}
FLOORS = {"persons": 0.98, "dwellings": 0.98, "organisations": 0.98}


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_HOME": str(cwd)}
    env.pop("NEO4J_URI", None)
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-2000:])
    return done


@pytest.mark.slow
@pytest.mark.parametrize("difficulty", ["normal", "hard"])
def test_an_independently_generated_district_resolves(tmp_path: Path, difficulty: str) -> None:
    data, home = tmp_path / "data", tmp_path / "home"
    home.mkdir()
    _run(
        [sys.executable, str(BENCH / "contract_district.py"), "--residents", "1500",
         "--seed", "5", "--out", str(data), "--difficulty", difficulty],
        tmp_path,
    )  # fmt: skip
    for source, name in FILES.items():
        _run([str(KG), "load", source, str(data / name)], home)
    _run([str(KG), "resolve"], home)
    links = tmp_path / "links.csv"
    _run([str(KG), "export", "links", "--out", str(links)], home)
    scores = tmp_path / "score.json"
    _run(
        [sys.executable, str(BENCH / "score.py"), "--truth", str(data / "truth.csv"),
         "--links", str(links), "--data", str(data), "--json", str(scores)],
        tmp_path,
    )  # fmt: skip
    result = json.loads(scores.read_text(encoding="utf-8"))
    for space, floor in FLOORS.items():
        assert result[space]["missing_refs"] == 0, space
        assert result[space]["f1"] >= floor, (space, result[space])
    # Nothing the contract allows was rejected (blank trailing XLSX cells included).
    assert not list((home / "rejects").glob("*.csv")) or all(
        len(p.read_text(encoding="utf-8-sig").splitlines()) <= 1
        for p in (home / "rejects").glob("*.csv")
    )
