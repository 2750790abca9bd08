"""FastAPI chatbot: acks each webhook at once and answers through the Graph API after a
simulated model call, within 2 s. Run: /usr/bin/python3 targets/examples/fastapi-bot/app.py"""
import asyncio
import random
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "python-lib"))

import uvicorn  # noqa: E402
from fastapi import BackgroundTasks, FastAPI, Request  # noqa: E402
from fastapi.responses import JSONResponse, PlainTextResponse, Response  # noqa: E402

from wa_example.delivery import Intake, Rejection  # noqa: E402
from wa_example.dedupe import MemoryDedupe  # noqa: E402
from wa_example.env import load_env, log  # noqa: E402
from wa_example.graph import GraphClient  # noqa: E402
from wa_example.metrics import Registry  # noqa: E402
from wa_example.replier import Replier  # noqa: E402
from wa_example.signature import verify_handshake  # noqa: E402
from wa_example.webhook import InboundMessage  # noqa: E402

DEFECTS = {"await-model-before-ack": "runs the model call inside the webhook handler, so the ack waits for it (ack p99 fails)"}
# The stand-in for an LLM call: uniform in this range of milliseconds.
MODEL_DELAY_MS = (600, 900)

env = load_env("fastapi-bot", DEFECTS, default_port=8000)
registry = Registry()
intake = Intake(env.app_secret, registry, "fastapi_bot")
model_seconds = registry.histogram("fastapi_bot_model_seconds", "Simulated model call duration.")
graph = GraphClient(env.graph_base_url, env.access_token)
replier = Replier(graph, registry, "fastapi_bot")
dedupe = MemoryDedupe()
app = FastAPI(title="fastapi-bot", docs_url=None, redoc_url=None, openapi_url=None)


async def think(message: InboundMessage) -> str:
    """The simulated model call (an LLM would be awaited here)."""
    started = time.monotonic()
    await asyncio.sleep(random.uniform(*MODEL_DELAY_MS) / 1000)
    model_seconds.observe(time.monotonic() - started)
    return f"Thanks for your {message.type} message, here is what I think."


async def answer(message: InboundMessage, thought: str | None = None) -> None:
    """Mark-as-read at once, then the model, then the reply (sends run on worker threads)."""
    replier.submit(replier.mark_read, message, message.phone_number_id)
    text = thought if thought is not None else await think(message)
    replier.submit(replier.reply, message, message.phone_number_id, text)


@app.get("/webhook")
async def verify(request: Request):
    status, body = verify_handshake(request.query_params, env.verify_token)
    return PlainTextResponse(body, status_code=status)


@app.post("/webhook")
async def webhook(request: Request, background: BackgroundTasks):
    raw = await request.body()
    checked = intake.check(request.headers.get("content-type"), raw, request.headers.get("x-hub-signature-256"))
    if isinstance(checked, Rejection):
        return JSONResponse(checked.body(), status_code=checked.status)
    started = time.monotonic()
    new = [m for m in checked.messages if dedupe.claim(m.id)]
    body, headers = intake.accept(len(checked.messages), len(new), time.monotonic() - started)
    if env.defect == "await-model-before-ack":
        thoughts = await asyncio.gather(*(think(m) for m in new))
        for message, thought in zip(new, thoughts):
            background.add_task(answer, message, thought)
    else:
        for message in new:
            background.add_task(answer, message)
    return JSONResponse(body, headers=headers)


@app.get("/health")
async def health():
    return {"status": "ok", "defect": env.defect, "inFlightSends": replier.pending}


@app.get("/metrics")
async def metrics():
    return Response(registry.render(), media_type="text/plain; version=0.0.4")


def main() -> None:
    config = uvicorn.Config(app, host=env.host, port=env.port, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    log("started", example="fastapi-bot", defect=env.defect)
    server.run()  # SIGTERM: uvicorn stops accepting and finishes open requests and their background tasks
    drained = replier.drain(timeout_s=30)
    log("stopped", drained=drained)


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    main()
