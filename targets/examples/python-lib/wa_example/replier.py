"""Mark-as-read and replies on worker threads, after the ack, with counters and a drain."""
import threading
from concurrent.futures import ThreadPoolExecutor

from .env import log
from .graph import GraphClient
from .metrics import Registry
from .webhook import InboundMessage, read_receipt, text_reply


class Replier:
    def __init__(self, graph: GraphClient, registry: Registry, prefix: str, workers: int = 32):
        self.graph = graph
        self.sent = registry.counter(f"{prefix}_messages_sent_total", "Graph API sends that went through, by kind.")
        self.failed = registry.counter(f"{prefix}_sends_failed_total", "Graph API sends given up, by kind and reason.")
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="graph")
        self._pending = 0
        self._idle = threading.Condition()

    def submit(self, fn, *args) -> None:
        """Runs `fn(*args)` on a worker; counted until it returns, for `drain`."""
        with self._idle:
            self._pending += 1
        self._pool.submit(self._run, fn, args)

    def send(self, kind: str, phone_number_id: str | None, edge: str, payload: dict) -> bool:
        if not phone_number_id:
            self.failed.inc(kind=kind, reason="no_phone_number_id")
            return False
        outcome = self.graph.send(phone_number_id, edge, payload, kind)
        if outcome == "sent":
            self.sent.inc(kind=kind)
            return True
        self.failed.inc(kind=kind, reason=outcome)
        log("send_failed", kind=kind, reason=outcome)
        return False

    def mark_read(self, message: InboundMessage, phone_number_id: str | None) -> bool:
        return self.send("read", phone_number_id, "messages", read_receipt(message))

    def reply(self, message: InboundMessage, phone_number_id: str | None, text: str) -> bool:
        if not message.sender:
            self.failed.inc(kind="reply", reason="no_sender")
            return False
        return self.send("reply", phone_number_id, "messages", text_reply(message, text))

    @property
    def pending(self) -> int:
        return self._pending

    def drain(self, timeout_s: float) -> bool:
        """Waits until every submitted job returned (True) or `timeout_s` passed (False: the rest is
        abandoned, backoff waits cut short)."""
        with self._idle:
            done = self._idle.wait_for(lambda: self._pending == 0, timeout_s)
        if not done:
            log("drain_timeout", abandoned=self._pending)
            self.graph.close()
        self._pool.shutdown(wait=done, cancel_futures=not done)
        return done

    def _run(self, fn, args) -> None:
        try:
            fn(*args)
        except Exception as error:  # a bug in one job must not kill the worker or the count
            log("job_failed", error=type(error).__name__)
        finally:
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()
