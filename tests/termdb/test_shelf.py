"""The shelves a cached database keeps its large tables in (``termdb/shelf.py``),
written and read back through the cache's checked records."""

from __future__ import annotations

import gc
from pathlib import Path

from sphinx_termref.termdb import cache
from sphinx_termref.termdb.shelf import Shelf


def _stored(tmp_path: Path, table: dict[str, str], per_shard: int) -> object:
    path = tmp_path / "record.pickle"
    cache.write_record(path, "key", Shelf(table, per_shard))
    return cache.read_record(path, "key", lambda message: None)


def test_a_stored_shelf_gives_every_item_back_in_its_order(tmp_path: Path) -> None:
    table = {f"key {number}": f"value {number}" for number in reversed(range(500))}
    shelf = _stored(tmp_path, table, per_shard=7)
    assert isinstance(shelf, Shelf)
    assert len(shelf) == 500
    assert list(shelf) == list(table)
    assert {key: shelf[key] for key in table} == table
    assert "key 3" in shelf and "key 500" not in shelf and 3 not in shelf
    assert shelf.get("key 500", "none") == "none"


def test_reading_a_stored_shelf_makes_no_object_per_shard(tmp_path: Path) -> None:
    """Python's collector walks every tracked object on each full pass; a shelf of
    10,000 shards is read as a few objects, not one per shard."""
    table = {f"key {number}": f"value {number}" for number in range(10_000)}
    path = tmp_path / "record.pickle"
    cache.write_record(path, "key", Shelf(table, per_shard=1))
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        before = len(gc.get_objects())
        shelf = cache.read_record(path, "key", lambda message: None)
        made = len(gc.get_objects()) - before
    finally:
        if was:
            gc.enable()
    assert isinstance(shelf, Shelf) and shelf["key 9999"] == "value 9999"
    assert made < 50, made
