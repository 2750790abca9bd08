"""The webhook envelope, reduced to what a bot acts on: inbound messages and call events."""
import json
from dataclasses import dataclass

MAX_BODY_BYTES = 3 * 1024 * 1024 + 256 * 1024


@dataclass(frozen=True)
class InboundMessage:
    id: str
    sender: str | None  # business-scoped users may come without a phone number
    type: str
    phone_number_id: str | None


@dataclass(frozen=True)
class CallEvent:
    id: str
    event: str
    phone_number_id: str | None


@dataclass(frozen=True)
class Updates:
    messages: list[InboundMessage]
    calls: list[CallEvent]


class BadEnvelope(ValueError):
    """The body is JSON but not a WhatsApp Business Account webhook (answer 400)."""


def parse_updates(raw_body: bytes) -> Updates:
    """Inbound messages and call events of a webhook body; statuses, errors and other fields are
    consumed without an answer. Raises BadEnvelope (or ValueError for bad JSON)."""
    body = json.loads(raw_body)
    if not isinstance(body, dict) or not isinstance(body.get("entry"), list):
        raise BadEnvelope("not a webhook envelope: expected an object with entry[]")
    messages: list[InboundMessage] = []
    calls: list[CallEvent] = []
    for entry in body["entry"]:
        changes = entry.get("changes") if isinstance(entry, dict) else None
        if not isinstance(changes, list):
            raise BadEnvelope("not a webhook envelope: entry[].changes[] is missing")
        for change in changes:
            value = change.get("value") if isinstance(change, dict) else None
            if not isinstance(value, dict):
                continue
            metadata = value.get("metadata")
            phone = metadata.get("phone_number_id") if isinstance(metadata, dict) else None
            phone = phone if isinstance(phone, str) and phone else None
            for m in _dicts(value.get("messages")):
                if isinstance(m.get("id"), str) and m["id"]:
                    sender = m.get("from") if isinstance(m.get("from"), str) else None
                    messages.append(InboundMessage(m["id"], sender, str(m.get("type", "unknown")), phone))
            if change.get("field") == "calls":
                for c in _dicts(value.get("calls")):
                    if isinstance(c.get("id"), str) and isinstance(c.get("event"), str):
                        calls.append(CallEvent(c["id"], c["event"], phone))
    return Updates(messages, calls)


def _dicts(value) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def read_receipt(message: InboundMessage) -> dict:
    return {"messaging_product": "whatsapp", "status": "read", "message_id": message.id}


def text_reply(message: InboundMessage, text: str) -> dict:
    """A text reply threaded to the message it answers (`context.message_id`)."""
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": message.sender,
        "type": "text",
        "text": {"body": text},
        "context": {"message_id": message.id},
    }
