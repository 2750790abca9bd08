"""X-Hub-Signature-256: HMAC-SHA256 of the raw request bytes with the app secret."""
import hashlib
import hmac


def is_signed(app_secret: str, raw_body: bytes, header: str | None) -> bool:
    """True when `header` is `sha256=<hex>` of `raw_body`; compared in constant time.

    The HMAC must cover the bytes as received: Meta escapes unicode (`\\u00e9`, `\\/`), so a
    body parsed and serialised again no longer matches its signature.
    """
    if not header:
        return False
    expected = "sha256=" + hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.strip().encode("utf-8", "replace"))


def verify_handshake(params, verify_token: str | None) -> tuple[int, str]:
    """Meta's GET verification: (200, hub.challenge) when the token matches, else 400 or 403."""
    mode, token, challenge = params.get("hub.mode"), params.get("hub.verify_token"), params.get("hub.challenge")
    if mode is None or token is None or challenge is None:
        return 400, "missing hub.mode, hub.verify_token or hub.challenge"
    if mode != "subscribe" or not verify_token or not hmac.compare_digest(token.encode(), verify_token.encode()):
        return 403, "verification failed"
    return 200, challenge
