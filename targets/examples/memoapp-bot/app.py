"""MemoApp-style WhatsApp bot (Flask): POST/GET /webhook behind a per-IP limit of 10 requests/s
(burst 20), /health, /metrics in Prometheus text format. Port from PORT (default 5000).
Run: /usr/bin/python3 targets/examples/memoapp-bot/app.py"""
import logging
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python-lib"))

from flask import Flask, Response, jsonify, request  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from rate_limit import PerIpLimiter, retry_after_header  # noqa: E402
from wa_example.dedupe import MemoryDedupe  # noqa: E402
from wa_example.delivery import Intake, Rejection  # noqa: E402
from wa_example.env import load_env, log  # noqa: E402
from wa_example.graph import GraphClient  # noqa: E402
from wa_example.metrics import Registry  # noqa: E402
from wa_example.replier import Replier  # noqa: E402
from wa_example.signature import verify_handshake  # noqa: E402
from wa_example.webhook import MAX_BODY_BYTES, InboundMessage  # noqa: E402

DEFECTS = {"retry-4xx": "retries do-not-retry 4xx Graph errors (131026, 100, ...) like 5xx (non-retryable-retries fails)"}
RATE_PER_S, BURST = 10, 20

env = load_env("memoapp-bot", DEFECTS, default_port=5000)
registry = Registry()
intake = Intake(env.app_secret, registry, "memoapp")  # outcome rate_limited: answered 429
graph_attempts = registry.counter("memoapp_graph_attempts_total", "Graph API attempts by kind and HTTP status (0: timeout or network error).")
graph = GraphClient(
    env.graph_base_url,
    env.access_token,
    retry_client_errors=env.defect == "retry-4xx",
    on_attempt=lambda kind, attempt: graph_attempts.inc(kind=kind, status=attempt.status or 0),
)
replier = Replier(graph, registry, "memoapp")
dedupe = MemoryDedupe()
limiter = PerIpLimiter(RATE_PER_S, BURST)

app = Flask("memoapp-bot")
app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES


def handle_message(message: InboundMessage) -> None:
    replier.mark_read(message, message.phone_number_id)
    replier.reply(message, message.phone_number_id, f"Noted your {message.type} message.")


@app.get("/webhook")
def verify():
    status, body = verify_handshake(request.args, env.verify_token)
    return Response(body, status=status, mimetype="text/plain")


@app.post("/webhook")
def webhook():
    # The limit comes first, so a request beyond it has no effect at all.
    wait_s = limiter.admit(request.remote_addr or "unknown")
    if wait_s is not None:
        intake.reject("rate_limited")
        error = {"error": f"rate limit of {RATE_PER_S} requests/s per client (burst {BURST}) exceeded; retry later", "status": 429}
        return jsonify(error), 429, {"Retry-After": retry_after_header(wait_s)}
    checked = intake.check(request.content_type, request.get_data(cache=False), request.headers.get("X-Hub-Signature-256"))
    if isinstance(checked, Rejection):
        return jsonify(checked.body()), checked.status
    started = time.monotonic()
    new = [m for m in checked.messages if dedupe.claim(m.id)]
    body, headers = intake.accept(len(checked.messages), len(new), time.monotonic() - started)
    for message in new:
        replier.submit(handle_message, message)
    return jsonify(body), 200, headers


@app.errorhandler(413)
def too_large(_error):
    intake.reject("too_large")
    return jsonify({"error": "body too large", "status": 413}), 413


@app.get("/health")
def health():
    return jsonify({"status": "ok", "defect": env.defect, "inFlightSends": replier.pending})


@app.get("/metrics")
def metrics():
    return Response(registry.render(), mimetype="text/plain; version=0.0.4")


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no per-request access lines
    server = make_server(env.host, env.port, app, threaded=True)
    stop = lambda *_: threading.Thread(target=server.shutdown, daemon=True).start()  # noqa: E731
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    log("started", example="memoapp-bot", defect=env.defect, port=env.port)
    server.serve_forever()  # returns after SIGTERM: no new connections; then finish the sends
    drained = replier.drain(timeout_s=30)
    log("stopped", drained=drained)


if __name__ == "__main__":
    main()
