"""Per-client token bucket (GCRA): `burst` requests back to back, then `rate_per_s`."""
import math
import threading
import time


class PerIpLimiter:
    def __init__(self, rate_per_s: float = 10, burst: int = 20, max_clients: int = 100_000, clock=time.monotonic):
        self._interval = 1 / rate_per_s
        self._tolerance = self._interval * (burst - 1)
        self._max_clients, self._clock = max_clients, clock
        self._tat: dict[str, float] = {}  # theoretical arrival time per client
        self._lock = threading.Lock()

    def admit(self, client: str) -> float | None:
        """None when the request may pass, else the seconds to wait before the next one will."""
        now = self._clock()
        with self._lock:
            tat = max(self._tat.get(client, now), now)
            if tat - now > self._tolerance:
                return tat - now - self._tolerance
            if client not in self._tat and len(self._tat) >= self._max_clients:
                self._tat = {k: v for k, v in self._tat.items() if v > now}
            self._tat[client] = tat + self._interval
            return None


def retry_after_header(wait_s: float) -> str:
    """Whole seconds, at least 1 (what nginx and slowapi send)."""
    return str(max(1, math.ceil(wait_s)))
