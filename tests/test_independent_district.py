"""The main job on districts from the independent generators (``bench/independent*/``).

Why in the suite: kg's own generator (``kg/demo``) was written by the people who wrote
the resolver, so it cannot show what they did not think of. The independent ones were
written from the data contract alone and found such gaps: the Wuhan district
(``bench/independent``) districts outside Beijing written bare, village groups in
Chinese numerals, XLSX rows with blank last cells and ``{trade name}公司``; the
Shanghai one (``bench/independent_sh``) lanes (``100弄3支弄``), a community taken for
a district after a bare city, roads named after cities (德州路), village groups under
their old name (九队), company-owned flats and public bodies written short; the
Guangzhou one (``bench/independent_gd``) urban villages' numbered 巷 and 号之N, towers
whose N楼 is a floor, stairwells, villages named inside roads, migrants' home villages
in two towns, a statistics sheet in the workbook and numbered schools; the Chengdu
(``bench/independent_cd``) and Xi'an (``bench/independent_xa``) ones flats written as
floor + door (4层1号), 社 village groups, 附 annexes, road sections and numbered roads,
work units' compounds (家属院 = 宿舍), 同户籍地址, Excel-mangled IDs and employers
written with a department or "retired". This runs
each district through the real command line (``kg load`` ×5, ``kg resolve``,
``kg export links``) and scores the links against its truth, so none of those comes
back unnoticed. The floors sit below the scores measured on larger districts
(README), with room for a small district's noise.
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
#: Each generator's script; one floor for every entity space of every district.
GENERATORS = {
    "wuhan": BENCH / "contract_district.py",
    "shanghai": ROOT / "bench" / "independent_sh" / "district.py",
    "guangzhou": ROOT / "bench" / "independent_gd" / "district.py",
    "chengdu": ROOT / "bench" / "independent_cd" / "district.py",
    "xian": ROOT / "bench" / "independent_xa" / "district.py",
}
FLOORS = {"persons": 0.98, "dwellings": 0.98, "organisations": 0.98}
KG = Path(sys.executable).with_name("kg")
FILES = {
    "police": "police.csv",
    "civil_affairs": "civil_affairs.xlsx",
    "family_planning": "family_planning.csv",
    "housing": "housing.csv",
    "organisations": "organisations.csv",
}


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_HOME": str(cwd)}
    env.pop("NEO4J_URI", None)
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-2000:])
    return done


@pytest.mark.slow
@pytest.mark.parametrize("difficulty", ["normal", "hard"])
@pytest.mark.parametrize("generator", sorted(GENERATORS))
def test_an_independently_generated_district_resolves(
    tmp_path: Path, generator: str, difficulty: str
) -> None:
    script = GENERATORS[generator]
    data, home = tmp_path / "data", tmp_path / "home"
    home.mkdir()
    _run(
        [sys.executable, str(script), "--residents", "1500",
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
