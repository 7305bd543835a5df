"""A re-import writes a new version: earlier readers keep theirs until it is pruned."""

import json
import warnings
from datetime import UTC, datetime

import pytest

from exportpilot.engine.errors import InvalidTradeData
from exportpilot.engine.trade import DuplicateFlowsWarning, describe_store, read_flows
from exportpilot.engine.trade.store import (
    CURRENT_FILE,
    DATA_FILE,
    LEGACY_VERSION,
    MANIFEST_FILE,
    import_trade,
    partition_version,
    prune_versions,
)

HEADER = "t,i,j,k,v,q\n"
FIRST = HEADER + "2021,208,276,010121,1.5,NA\n"
SECOND = HEADER + "2021,208,276,010121,9.0,NA\n"


def write(folder, text):
    folder.mkdir(exist_ok=True)
    path = folder / "BACI_HS22_Y2021_V202501.csv"
    path.write_text(text)
    return path


def test_a_reimport_writes_a_new_version_and_keeps_the_old_one(tmp_path):
    store = tmp_path / "store"
    first = import_trade(
        [write(tmp_path / "a", FIRST)],
        store=store,
        now=datetime(2026, 1, 1, tzinfo=UTC),
    )
    second = import_trade(
        [write(tmp_path / "b", SECOND)],
        store=store,
        now=datetime(2026, 2, 1, tzinfo=UTC),
    )

    [old], [new] = first.partitions, second.partitions
    assert old.version != new.version
    assert (old.replaced, new.replaced) == ("", old.version)
    assert read_flows(store)["value"].tolist() == [9.0]
    assert read_flows(store, versions={2021: old.version})["value"].tolist() == [1.5]
    listed = describe_store(store, all_versions=True)
    assert [(p.version, p.current) for p in listed] == [
        (old.version, False),
        (new.version, True),
    ]
    assert [p.version for p in describe_store(store)] == [new.version]


def test_the_same_file_again_keeps_the_version(tmp_path):
    store = tmp_path / "store"
    path = write(tmp_path / "a", FIRST)
    first = import_trade([path], store=store)
    again = import_trade([path], store=store)
    assert again.partitions[0].status == "unchanged"
    assert again.partitions[0].version == first.partitions[0].version
    assert len(describe_store(store, all_versions=True)) == 1


def test_pruning_removes_old_versions_not_kept(tmp_path):
    store = tmp_path / "store"
    old = import_trade([write(tmp_path / "a", FIRST)], store=store).partitions[0]
    mid = import_trade([write(tmp_path / "b", SECOND)], store=store).partitions[0]
    new = import_trade(
        [write(tmp_path / "c", FIRST.replace("1.5", "3.0"))], store=store
    ).partitions[0]

    removed = prune_versions(store, keep=[("HS22", 2021, mid.version)])

    assert [p.version for p in removed] == [old.version]
    left = [p.version for p in describe_store(store, all_versions=True)]
    assert left == [mid.version, new.version]
    with pytest.raises(InvalidTradeData, match=f"version {old.version} is not in"):
        read_flows(store, versions={2021: old.version})


def test_a_version_name_cannot_leave_the_store(tmp_path):
    store = tmp_path / "store"
    import_trade([write(tmp_path / "a", FIRST)], store=store)
    with pytest.raises(InvalidTradeData, match="is not in the store"):
        partition_version(store, "HS22", 2021, "../../a")


def test_a_store_written_before_versions_is_version_0(tmp_path):
    store = tmp_path / "store"
    import_trade([write(tmp_path / "a", FIRST)], store=store)
    partition = store / "hs=HS22" / "year=2021"
    [folder] = partition.glob("v=*")
    for name in (DATA_FILE, MANIFEST_FILE):
        (folder / name).rename(partition / name)
    folder.rmdir()
    (partition / CURRENT_FILE).unlink()
    assert [p.version for p in describe_store(store)] == [LEGACY_VERSION]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DuplicateFlowsWarning)
        new = import_trade([write(tmp_path / "b", SECOND)], store=store)

    assert new.partitions[0].replaced == LEGACY_VERSION
    assert read_flows(store, versions={2021: "0"})["value"].tolist() == [1.5]
    assert read_flows(store)["value"].tolist() == [9.0]
    manifest = json.loads((partition / MANIFEST_FILE).read_text())
    assert manifest["year"] == 2021
