"""Dedupe cache in Redis, falling back to memory while Redis fails.

Every id claimed is also remembered in memory, so a Redis outage does not let a repeat of an
id this process has already seen through; Redis makes the claim shared by every replica.
"""
import asyncio
import time

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from wa_example.dedupe import MemoryDedupe
from wa_example.env import log

TTL_S = 86400
KEY_PREFIX = "wappa-app:dedupe:"
COMMAND_TIMEOUT_S = 0.25
RETRY_REDIS_AFTER_S = 2.0


class HybridDedupe:
    def __init__(self, redis_url: str | None, memory: MemoryDedupe | None = None, clock=time.monotonic):
        self._memory = memory or MemoryDedupe(TTL_S)
        self._clock = clock
        self._redis = (
            aioredis.Redis.from_url(redis_url, socket_timeout=COMMAND_TIMEOUT_S, socket_connect_timeout=COMMAND_TIMEOUT_S, retry_on_timeout=False)
            if redis_url
            else None
        )
        self._retry_at = 0.0
        self._up = self._redis is not None
        self.fallbacks = 0  # claims answered from memory because Redis failed
        self.last_error: str | None = None

    async def claim(self, message_id: str) -> bool:
        """True the first time `message_id` is seen (then it is processed), False for a repeat."""
        if self._memory.contains(message_id):
            return False
        if self._redis is not None and self._clock() >= self._retry_at:
            try:
                first = await asyncio.wait_for(self._redis.set(KEY_PREFIX + message_id, 1, nx=True, ex=TTL_S), COMMAND_TIMEOUT_S * 2)
            except (RedisError, OSError, asyncio.TimeoutError) as error:
                self._down(error)
            else:
                self._mark_up()
                self._memory.remember(message_id)
                return bool(first)
        if self._redis is not None:
            self.fallbacks += 1
        return self._memory.claim(message_id)

    async def ping(self) -> None:
        if self._redis is None:
            return
        try:
            await asyncio.wait_for(self._redis.ping(), COMMAND_TIMEOUT_S * 2)
            self._mark_up()
        except (RedisError, OSError, asyncio.TimeoutError) as error:
            self._down(error)

    def describe(self) -> dict:
        if self._redis is None:
            return {"backend": "memory", "redis": "not-configured", "entries": len(self._memory)}
        return {"backend": "redis" if self._up else "memory", "redis": "up" if self._up else "down", "fallbacks": self.fallbacks, "lastError": self.last_error}

    async def close(self) -> None:
        if self._redis is not None:
            await self._redis.close()

    def _down(self, error: Exception) -> None:
        self._retry_at = self._clock() + RETRY_REDIS_AFTER_S
        self.last_error = type(error).__name__
        if self._up:
            log("cache_fallback", backend="memory", reason=self.last_error)
        self._up = False

    def _mark_up(self) -> None:
        if not self._up:
            log("cache_restored", backend="redis")
        self._up = True
