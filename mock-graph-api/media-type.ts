const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const PARAMETER = `\\s*;\\s*${TOKEN}=(?:${TOKEN}|"[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]*")`;
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:${PARAMETER})*$`);
const MAX_LENGTH = 255;

/**
 * A media type as RFC 9110 spells it (`image/png`, `audio/ogg; codecs=opus`), or null. What an
 * upload stores is later written as the download's Content-Type, so anything else (non-ASCII,
 * CR/LF, free text) must never be stored: Node refuses to write such a header.
 */
export function parseMediaType(value: string | undefined): string | null {
  if (value === undefined || value.length === 0 || value.length > MAX_LENGTH) return null;
  return MEDIA_TYPE.test(value) ? value : null;
}
