"""The checks every webhook POST passes before anything else happens (framework-agnostic)."""
from dataclasses import dataclass

from .signature import is_signed
from .webhook import MAX_BODY_BYTES, BadEnvelope, Updates, parse_updates


@dataclass(frozen=True)
class Rejection:
    status: int
    error: str
    outcome: str  # the metrics label

    def body(self) -> dict:
        return {"error": self.error, "status": self.status}


def check_delivery(app_secret: str, content_type: str | None, raw_body: bytes, signature: str | None) -> Updates | Rejection:
    """415 not JSON, 413 too large, 401 signature missing or wrong (over the raw bytes), 400 not a
    webhook envelope; otherwise the updates. Nothing else may happen before this passed."""
    if not (content_type or "").lower().startswith("application/json"):
        return Rejection(415, "expected Content-Type: application/json", "unsupported_media_type")
    if len(raw_body) > MAX_BODY_BYTES:
        return Rejection(413, "body too large", "too_large")
    if not is_signed(app_secret, raw_body, signature):
        return Rejection(401, "X-Hub-Signature-256 missing or wrong", "unauthorized")
    try:
        return parse_updates(raw_body)
    except BadEnvelope as error:
        return Rejection(400, str(error), "malformed")
    except ValueError:
        return Rejection(400, "body is not valid JSON", "malformed")


def ack_body(new: int, duplicates: int) -> dict:
    return {"received": True, "messages": new, "duplicates": duplicates}


def server_timing(dedupe_s: float) -> str:
    """`Server-Timing: dedupe;dur=<ms>`: how the harness measures dedupe overhead per request."""
    return f"dedupe;dur={dedupe_s * 1000:.3f}"


class Intake:
    """The webhook POST's counters around `check_delivery` and the dedupe step:
    `<prefix>_webhooks_received_total{outcome}`, `<prefix>_deduped_total`, `<prefix>_dedupe_seconds`."""

    def __init__(self, app_secret: str, registry, prefix: str):
        self._app_secret = app_secret
        self.webhooks = registry.counter(f"{prefix}_webhooks_received_total", "Webhook POSTs by outcome.")
        self.deduped = registry.counter(f"{prefix}_deduped_total", "Inbound messages seen before (not answered again).")
        self.dedupe_seconds = registry.histogram(f"{prefix}_dedupe_seconds", "Time to claim the message ids of one webhook.")

    def check(self, content_type: str | None, raw_body: bytes, signature: str | None) -> Updates | Rejection:
        checked = check_delivery(self._app_secret, content_type, raw_body, signature)
        if isinstance(checked, Rejection):
            self.reject(checked.outcome)
        return checked

    def reject(self, outcome: str) -> None:
        self.webhooks.inc(outcome=outcome)

    def accept(self, received: int, new: int, dedupe_s: float) -> tuple[dict, dict]:
        """Counts an accepted delivery; returns the 200's body and headers (with Server-Timing)."""
        self.dedupe_seconds.observe(dedupe_s)
        self.deduped.inc(received - new)
        self.webhooks.inc(outcome="accepted")
        return ack_body(new, received - new), {"Server-Timing": server_timing(dedupe_s)}
