"""Wappa-style WhatsApp app (FastAPI): one webhook URL per tenant and platform,
/webhook/messenger/{phone_number_id}/whatsapp, dedupe cached in Redis with a memory fallback,
/health and /health/detailed. Run: /usr/bin/python3 targets/examples/wappa-app/app.py"""
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python-lib"))

import uvicorn  # noqa: E402
from fastapi import FastAPI, Request  # noqa: E402
from fastapi.responses import JSONResponse, PlainTextResponse  # noqa: E402

from cache import HybridDedupe  # noqa: E402
from wa_example.delivery import Intake, Rejection  # noqa: E402
from wa_example.env import load_env, log  # noqa: E402
from wa_example.graph import GraphClient  # noqa: E402
from wa_example.metrics import Registry  # noqa: E402
from wa_example.replier import Replier  # noqa: E402
from wa_example.signature import verify_handshake  # noqa: E402
from wa_example.webhook import InboundMessage  # noqa: E402

DEFECTS = {"no-dedupe": "skips the dedupe cache: every copy of a message is answered again (duplicates fail)"}
PLATFORM = "whatsapp"

env = load_env("wappa-app", DEFECTS, default_port=8000)
registry = Registry()  # no /metrics in a Wappa app; the counters feed /health/detailed
intake = Intake(env.app_secret, registry, "wappa")
graph = GraphClient(env.graph_base_url, env.access_token)
replier = Replier(graph, registry, "wappa")
cache = HybridDedupe(env.redis_url)
started_at = time.monotonic()
app = FastAPI(title="wappa-app", docs_url=None, redoc_url=None, openapi_url=None)


def handle_message(message: InboundMessage, tenant: str) -> None:
    """The app's handler, run on a worker after the ack: mark as read, then answer."""
    phone = message.phone_number_id or tenant  # Wappa: the tenant in the path is the sender number
    replier.mark_read(message, phone)
    replier.reply(message, phone, f"Thanks, we got your {message.type} message.")


def unknown_platform(platform: str):
    return JSONResponse({"error": f"unknown platform {platform!r}: this app serves {PLATFORM}", "status": 404}, status_code=404)


@app.get("/webhook/messenger/{tenant}/{platform}")
async def verify(tenant: str, platform: str, request: Request):
    if platform != PLATFORM:
        return unknown_platform(platform)
    status, body = verify_handshake(request.query_params, env.verify_token)
    return PlainTextResponse(body, status_code=status)


@app.post("/webhook/messenger/{tenant}/{platform}")
async def webhook(tenant: str, platform: str, request: Request):
    if platform != PLATFORM:
        return unknown_platform(platform)
    raw = await request.body()
    checked = intake.check(request.headers.get("content-type"), raw, request.headers.get("x-hub-signature-256"))
    if isinstance(checked, Rejection):
        return JSONResponse(checked.body(), status_code=checked.status)
    began = time.monotonic()
    if env.defect == "no-dedupe":
        new = list(checked.messages)
    else:
        new = [m for m in checked.messages if await cache.claim(m.id)]
    body, headers = intake.accept(len(checked.messages), len(new), time.monotonic() - began)
    for message in new:
        replier.submit(handle_message, message, tenant)
    return JSONResponse(body, headers=headers)


@app.get("/health")
async def health():
    # Healthy with Redis down: the memory fallback keeps webhooks answered.
    return {"status": "ok"}


@app.get("/health/detailed")
async def health_detailed():
    await cache.ping()
    return {
        "status": "ok",
        "uptimeS": round(time.monotonic() - started_at, 1),
        "defect": env.defect,
        "cache": cache.describe(),
        "graph": {"origin": graph.origin, "inFlightSends": replier.pending, "sent": {k: replier.sent.value(kind=k) for k in ("read", "reply")}},
        "webhooks": {k: intake.webhooks.value(outcome=k) for k in ("accepted", "unauthorized", "malformed")},
    }


def main() -> None:
    config = uvicorn.Config(app, host=env.host, port=env.port, log_level="warning", access_log=False, lifespan="off")
    log("started", example="wappa-app", defect=env.defect, cache="redis" if env.redis_url else "memory")
    uvicorn.Server(config).run()  # SIGTERM: stop accepting, finish open requests
    drained = replier.drain(timeout_s=30)
    log("stopped", drained=drained)


if __name__ == "__main__":
    main()
