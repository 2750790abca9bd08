"""Meta's retry rules for Graph API sends (pure: no I/O, no clock).

| answer                                               | class      | what to do                        |
| 5xx, timeout, network error, codes 1, 2, 131000, 131016 | retry      | exponential backoff with jitter   |
| 429, codes 130429, 131056, 80007, 4 (any status)     | rate-limit | longer backoff; Retry-After wins  |
| any other 4xx (100, 131008, 131026, 190, ...)         | fatal      | never retry                       |
"""
import email.utils
import random
import time

RATE_LIMIT_CODES = frozenset({130429, 131056, 80007, 4})
TRANSIENT_CODES = frozenset({1, 2, 131000, 131016})

MAX_ATTEMPTS = 8
DEADLINE_S = 60.0
RETRY_BASE_S, RETRY_CAP_S = 0.2, 5.0
RATE_LIMIT_BASE_S, RATE_LIMIT_CAP_S = 1.0, 30.0


def classify(status: int | None, code: int | None) -> str:
    """'retry', 'rate-limit' or 'fatal' for a failed attempt (status None: timeout or network)."""
    if status is None:
        return "retry"
    if code in RATE_LIMIT_CODES or status == 429:
        return "rate-limit"
    if code in TRANSIENT_CODES or status >= 500:
        return "retry"
    return "fatal"


def backoff_s(error_class: str, attempt: int, retry_after_s: float | None, rng=random.random) -> float:
    """Delay before retry number `attempt` (1 = first retry): jitter in [cap/2, cap]; for a rate
    limit, Retry-After (bounded by the cap) wins over the computed delay."""
    if error_class == "rate-limit":
        if retry_after_s is not None:
            return min(retry_after_s, RATE_LIMIT_CAP_S)
        base, cap = RATE_LIMIT_BASE_S, RATE_LIMIT_CAP_S
    else:
        base, cap = RETRY_BASE_S, RETRY_CAP_S
    top = min(cap, base * 2 ** max(0, attempt - 1))
    return top / 2 + rng() * top / 2


def parse_retry_after(header: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: delta seconds or an HTTP date; None when absent or unreadable."""
    if not header:
        return None
    value = header.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        at = email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, at - (time.time() if now is None else now))
