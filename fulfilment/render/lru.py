"""A store of bounded size that drops its least recently used entry to make room."""

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


# Hand-written: functools.lru_cache memoizes what a function returns, while the drawings and
# layouts kept here are found as a side effect of drawing, so they are looked up and kept apart.
class LRU(Generic[K, V]):
    """Up to `size` entries; finding or keeping one makes it the most recently used
    (test_the_least_recently_used_entry_goes_first)."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("an LRU keeps at least one entry")
        self.size = size
        self._entries: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        """The entry kept for `key`, now the most recently used; None when none is kept."""
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key: K, value: V) -> None:
        """Keep `value` for `key` as the most recently used, dropping the least when full."""
        self._entries[key] = value
        self._entries.move_to_end(key)
        if len(self._entries) > self.size:
            self._entries.popitem(last=False)
