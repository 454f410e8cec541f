"""The bounded store render's caches keep: the least recently used entry goes first."""

import pytest

from fulfilment.render.lru import LRU


def test_the_least_recently_used_entry_goes_first() -> None:
    kept: LRU[str, int] = LRU(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1

    kept.put("c", 3)

    assert kept.get("b") is None
    assert kept.get("a") == 1 and kept.get("c") == 3


def test_keeping_an_entry_again_makes_it_the_most_recent() -> None:
    kept: LRU[str, int] = LRU(2)
    kept.put("a", 1)
    kept.put("b", 2)
    kept.put("a", 10)

    kept.put("c", 3)

    assert kept.get("b") is None and kept.get("a") == 10


def test_an_lru_keeps_at_least_one_entry() -> None:
    with pytest.raises(ValueError, match="at least one"):
        LRU[str, int](0)
