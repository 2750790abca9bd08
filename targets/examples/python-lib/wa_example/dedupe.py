"""In-memory dedupe: each id is claimed once within its TTL, bounded in size."""
import threading
import time
from collections import OrderedDict


class MemoryDedupe:
    """`claim(id)` is an atomic check-and-mark: True the first time, False for a repeat.

    One process only; several replicas need a shared store (see wappa-app's Redis cache).
    """

    def __init__(self, ttl_s: float = 86400, max_entries: int = 1_000_000, clock=time.monotonic):
        self._ttl_s, self._max, self._clock = ttl_s, max_entries, clock
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def claim(self, key: str) -> bool:
        now = self._clock()
        with self._lock:
            self._expire(now)
            if key in self._seen:
                return False
            self._seen[key] = now + self._ttl_s
            if len(self._seen) > self._max:
                self._seen.popitem(last=False)
            return True

    def contains(self, key: str) -> bool:
        with self._lock:
            self._expire(self._clock())
            return key in self._seen

    def remember(self, key: str) -> None:
        """Marks `key` as seen (after another store claimed it), so a later outage of that store
        does not let a repeat through."""
        with self._lock:
            self._seen.setdefault(key, self._clock() + self._ttl_s)

    def __len__(self) -> int:
        return len(self._seen)

    def _expire(self, now: float) -> None:
        while self._seen:
            key, expires = next(iter(self._seen.items()))
            if expires > now:
                break
            del self._seen[key]
