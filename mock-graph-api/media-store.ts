import { createHash } from 'node:crypto';

export interface StoredMedia {
  id: string;
  mimeType: string;
  sha256: string;
  fileSize: number;
  bytes: Uint8Array;
}

const MAX_ITEMS = 1000;
const MAX_BYTES = 64 * 1024 * 1024;

/** Uploaded media kept for GET and download; oldest dropped past 1000 items or 64 MiB. */
export function createMediaStore() {
  const items = new Map<string, StoredMedia>();
  let totalBytes = 0;
  let counter = 0;

  function evict(): void {
    for (const [id, item] of items) {
      if (items.size <= MAX_ITEMS && totalBytes <= MAX_BYTES) return;
      items.delete(id);
      totalBytes -= item.fileSize;
    }
  }

  return {
    add(bytes: Uint8Array, mimeType: string): StoredMedia {
      const id = String(900_000_000_000_000 + ++counter);
      const item = {
        id,
        mimeType,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        fileSize: bytes.length,
        bytes,
      };
      items.set(id, item);
      totalBytes += bytes.length;
      evict();
      return item;
    },
    get: (id: string) => items.get(id),
    delete(id: string): boolean {
      const item = items.get(id);
      if (!item) return false;
      items.delete(id);
      totalBytes -= item.fileSize;
      return true;
    },
    clear(): void {
      items.clear();
      totalBytes = 0;
    },
  };
}

export type MediaStore = ReturnType<typeof createMediaStore>;
