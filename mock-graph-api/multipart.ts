export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/** The boundary of a multipart/form-data content type, or null. */
export function findBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

/** Splits a multipart/form-data body into parts; returns null when it is not well formed. */
export function parseMultipart(body: Uint8Array, boundary: string): MultipartPart[] | null {
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = buffer.indexOf(delimiter);
  if (start < 0) return null;
  for (let guard = 0; guard < 1000; guard++) {
    const afterDelimiter = start + delimiter.length;
    if (buffer.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') return parts;
    const headerEnd = buffer.indexOf(CRLF2, afterDelimiter);
    if (headerEnd < 0) return null;
    const next = buffer.indexOf(delimiter, headerEnd + 4);
    if (next < 0) return null;
    const headers = buffer.subarray(afterDelimiter, headerEnd).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*\bname="([^"]*)"(?:;\s*filename="([^"]*)")?/i.exec(headers);
    if (!disposition) return null;
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers);
    // The part's data ends with the CRLF that precedes the next delimiter.
    const dataEnd = next >= 2 && buffer[next - 2] === 13 && buffer[next - 1] === 10 ? next - 2 : next;
    parts.push({
      name: disposition[1] ?? '',
      filename: disposition[2],
      contentType: type?.[1]?.trim(),
      data: buffer.subarray(headerEnd + 4, dataEnd),
    });
    start = next;
  }
  return null;
}
