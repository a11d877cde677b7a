"""A generated district's person mentions, shared by the resolver tests that need volume."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.demo.generate import generate
from kg.store.ledger import Ledger
from loaders.load import load_file
from loaders.records import SourceRecord


@pytest.fixture(scope="session")
def district_records(tmp_path_factory: pytest.TempPathFactory) -> list[SourceRecord]:
    """Records of a 1,500-resident hard-mode district, loaded through the real loaders."""
    root: Path = tmp_path_factory.mktemp("district")
    files = generate(root / "data", residents=1500, seed=11, difficulty="hard")
    with Ledger(root / "kg.sqlite") as ledger:
        for source, path in files.sources().items():
            load_file(ledger, source, path)
        return list(ledger.current_records())
