"""The environment a supervised connector is started with (names shared with the harness's
`--target-cmd`): PORT, HOST, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN, WHATSAPP_ACCESS_TOKEN,
GRAPH_BASE_URL, REDIS_URL; plus EXAMPLE_DEFECT, the example's seeded defect switch."""
import json
import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class ExampleEnv:
    port: int
    host: str
    app_secret: str
    verify_token: str | None
    access_token: str
    graph_base_url: str
    redis_url: str | None
    defect: str


def load_env(example: str, defects: dict[str, str], default_port: int = 8000, environ=os.environ) -> ExampleEnv:
    """Reads and checks the contract env; a mistake prints `<example>: Could not start: …` and exits 2."""

    def fail(reason: str) -> None:
        print(f"{example}: Could not start: {reason}.", file=sys.stderr)
        sys.exit(2)

    port_text = environ.get("PORT") or str(default_port)
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        fail(f'PORT "{port_text}" is not a port number. Set PORT to 1-65535')
    for name in ("WHATSAPP_APP_SECRET", "WHATSAPP_ACCESS_TOKEN"):
        if not environ.get(name):
            fail(f"{name} is not set. Set it (the harness passes it to a supervised target)")
    defect = environ.get("EXAMPLE_DEFECT") or "none"
    if defect != "none" and defect not in defects:
        fail(f'EXAMPLE_DEFECT "{defect}" is not one of this example\'s defects ({", ".join(defects)}). Unset it for the correct connector')
    graph = environ.get("GRAPH_BASE_URL") or "https://graph.facebook.com"
    if not graph.startswith(("http://", "https://")):
        fail(f'GRAPH_BASE_URL "{graph}" is not an http(s) URL. Point it at the Graph API or the mock')
    return ExampleEnv(
        port=int(port_text),
        host=environ.get("HOST") or "127.0.0.1",
        app_secret=environ["WHATSAPP_APP_SECRET"],
        verify_token=environ.get("WHATSAPP_VERIFY_TOKEN") or None,
        access_token=environ["WHATSAPP_ACCESS_TOKEN"],
        graph_base_url=graph,
        redis_url=environ.get("REDIS_URL") or None,
        defect=defect,
    )


def log(event: str, **fields) -> None:
    """One JSON line on stderr. Callers pass counts and ids only: never message text, phone
    numbers, names or secrets (a supervised run scans the logs for them)."""
    print(json.dumps({"event": event, **fields}), file=sys.stderr, flush=True)

