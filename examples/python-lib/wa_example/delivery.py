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
