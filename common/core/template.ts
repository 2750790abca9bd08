/**
 * Fixture templates: raw webhook bodies with `{{name}}` or `{{name:N}}` placeholders that sit
 * inside JSON strings. Filling is string substitution only (never parse + re-serialise), so the
 * bytes Meta would have signed are the bytes we sign.
 */
export const PLACEHOLDER_NAMES = [
  'wamid', // inbound message id (synthetic, encodes run/seq/part/time); N = part
  'status_id', // id of an outbound message a status refers to
  'ref_id', // id of an earlier outbound message a reply/button/reaction refers to (context.id)
  'wa_id', // sender / recipient WhatsApp id (digits)
  'user_id', // sender / recipient business-scoped user id (BSUID)
  'username', // sender's WhatsApp username
  'profile_name', // contact profile name
  'timestamp', // unix seconds
  'phone_number_id', // business phone number id
  'display_phone_number', // business display number
  'waba_id', // WhatsApp Business Account id (entry.id)
  'call_id', // calls webhooks
] as const;

export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];

export interface Slot {
  name: PlaceholderName;
  index: number;
}

export interface CompiledTemplate {
  /** Literal text around the slots: parts.length === slots.length + 1. */
  parts: string[];
  slots: Slot[];
  /** Number of distinct inbound message parts (`{{wamid:N}}` with distinct N). */
  wamidParts: number;
}

const PLACEHOLDER = /\{\{([a-z_]+)(?::(\d{1,4}))?\}\}/g;
const KNOWN = new Set<string>(PLACEHOLDER_NAMES);

/** Thrown for an unknown or malformed placeholder; `name` says which. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** Splits a raw body into literal parts and slots, once per fixture. */
export function compileTemplate(raw: string): CompiledTemplate {
  const parts: string[] = [];
  const slots: Slot[] = [];
  const wamidIndexes = new Set<number>();
  let last = 0;
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(raw); m; m = PLACEHOLDER.exec(raw)) {
    const name = m[1] as string;
    if (!KNOWN.has(name))
      throw new TemplateError(`unknown placeholder {{${name}}}; known: ${PLACEHOLDER_NAMES.join(', ')}`);
    const index = m[2] === undefined ? 0 : Number(m[2]);
    parts.push(raw.slice(last, m.index));
    slots.push({ name: name as PlaceholderName, index });
    if (name === 'wamid') wamidIndexes.add(index);
    last = m.index + m[0].length;
  }
  parts.push(raw.slice(last));
  const stray = parts.find((p) => p.includes('{{'));
  if (stray !== undefined)
    throw new TemplateError(
      `malformed placeholder near "${stray.slice(stray.indexOf('{{'), stray.indexOf('{{') + 30)}"`,
    );
  return { parts, slots, wamidParts: wamidIndexes.size };
}

/**
 * Supplies the (already JSON-escaped) value for a slot; return undefined to report it unfilled.
 * `position` is the slot's place in `template.slots` (two slots may share a name and index).
 */
export type SlotResolver = (name: PlaceholderName, index: number, position: number) => string | undefined;

/** Fills every slot; throws TemplateError naming the first slot left unfilled. */
export function fillTemplate(template: CompiledTemplate, resolve: SlotResolver): string {
  let out = template.parts[0] ?? '';
  for (let i = 0; i < template.slots.length; i++) {
    const slot = template.slots[i] as Slot;
    const value = resolve(slot.name, slot.index, i);
    if (value === undefined) throw new TemplateError(`placeholder {{${slot.name}:${slot.index}}} left unfilled`);
    out += value + (template.parts[i + 1] ?? '');
  }
  return out;
}

/**
 * Escapes a value for a JSON string the way Meta does before signing: `"`, `\`, `/` and control
 * characters escaped, every non-ASCII UTF-16 unit as lowercase `\uXXXX`.
 */
export function escapeJsonMeta(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x2f) out += '\\/';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c > 0x7e) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += value[i];
  }
  return out;
}
