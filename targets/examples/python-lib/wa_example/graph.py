"""A blocking Graph API client for the send endpoints, with Meta's retry rules.

Run it in worker threads (a webhook handler must never wait for it). One keep-alive connection
per thread; every request carries `Authorization: Bearer <token>`.
"""
import http.client
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass

from . import retry_policy

GRAPH_VERSION = "v21.0"


@dataclass(frozen=True)
class Attempt:
    status: int | None  # None: timeout or network error
    code: int | None = None
    retry_after_s: float | None = None


class GraphClient:
    def __init__(self, base_url: str, access_token: str, *, timeout_s: float = 10.0, retry_client_errors: bool = False, on_attempt=None):
        url = urllib.parse.urlsplit(base_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(f"GRAPH_BASE_URL {base_url!r} is not an http(s) URL")
        self._scheme, self._host, self._port = url.scheme, url.hostname, url.port
        self._base_path = url.path.rstrip("/")
        self._token, self._timeout_s = access_token, timeout_s
        # A seeded defect (memoapp-bot retry-4xx): treat do-not-retry 4xx like 5xx.
        self._retry_client_errors = retry_client_errors
        self._on_attempt = on_attempt or (lambda kind, attempt: None)
        self._local = threading.local()
        self._closed = threading.Event()

    @property
    def origin(self) -> str:
        return f"{self._scheme}://{self._host}" + (f":{self._port}" if self._port else "")

    def send(self, phone_number_id: str, edge: str, payload: dict, kind: str) -> str:
        """POSTs to /{version}/{phone_number_id}/{edge} until it is sent, fatal or out of budget.
        Returns 'sent', 'fatal', 'exhausted' or 'deadline'."""
        path = f"{self._base_path}/{GRAPH_VERSION}/{phone_number_id}/{edge}"
        body = json.dumps(payload).encode()
        started = time.monotonic()
        for attempt_no in range(1, retry_policy.MAX_ATTEMPTS + 1):
            attempt = self._attempt(path, body)
            self._on_attempt(kind, attempt)
            if attempt.status is not None and 200 <= attempt.status < 300:
                return "sent"
            error_class = retry_policy.classify(attempt.status, attempt.code)
            if error_class == "fatal" and not self._retry_client_errors:
                return "fatal"
            if attempt_no == retry_policy.MAX_ATTEMPTS:
                return "exhausted"
            delay = retry_policy.backoff_s("rate-limit" if error_class == "rate-limit" else "retry", attempt_no, attempt.retry_after_s)
            if time.monotonic() + delay - started > retry_policy.DEADLINE_S:
                return "deadline"
            if self._closed.wait(delay):
                return "deadline"
        return "exhausted"

    def close(self) -> None:
        """Ends pending backoff waits (shutdown past its drain budget)."""
        self._closed.set()

    def _attempt(self, path: str, body: bytes) -> Attempt:
        headers = {"Authorization": f"Bearer {self._token}", "Content-Type": "application/json"}
        conn, reused = self._connection()
        try:
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            self._drop()
            # An idle kept-alive connection the server had closed: the request never got there.
            return self._attempt(path, body) if reused else Attempt(None)
        except (OSError, http.client.HTTPException):
            self._drop()
            return Attempt(None)
        if (response.getheader("Connection") or "").lower() == "close":
            self._drop()
        return Attempt(response.status, _error_code(data), retry_policy.parse_retry_after(response.getheader("Retry-After")))

    def _connection(self) -> tuple[http.client.HTTPConnection, bool]:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn, True
        cls = http.client.HTTPSConnection if self._scheme == "https" else http.client.HTTPConnection
        self._local.conn = cls(self._host, self._port, timeout=self._timeout_s)
        return self._local.conn, False

    def _drop(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def _error_code(data: bytes) -> int | None:
    try:
        code = json.loads(data).get("error", {}).get("code")
    except (ValueError, AttributeError):
        return None
    return code if isinstance(code, int) else None

