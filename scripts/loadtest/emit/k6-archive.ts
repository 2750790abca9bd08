import { z } from 'zod';
import { readTar, writeTar, type TarEntry } from './tar.ts';

/**
 * k6's archive format (what `k6 archive` writes and `k6 run archive.tar` / k6-operator read),
 * built without k6 (pure). Layout, as in k6's lib/archive.go:
 *   metadata.json                   options, entry filename and pwd as file:// URLs, env, versions
 *   data                            the entry script's source
 *   file/<dir>…                     directory entries, sorted
 *   file/<path>…                    every other file, sorted; the entry script itself is a hard
 *                                   link to `data`
 * k6 runs an archive with the options frozen in metadata.json (the script's exported options
 * are not re-read) and with metadata.env under the runtime environment (pod env and `-e` win).
 * Files live under a neutral root instead of this machine's path, so nothing local leaks.
 */
export const ARCHIVE_ROOT = '/wa-harness';

export const k6ArchiveMetadataSchema = z.strictObject({
  type: z.literal('js'),
  options: z.record(z.string(), z.unknown()),
  filename: z.string().regex(/^file:\/\/\/.+\.(ts|js)$/, 'a file:/// URL of the entry script'),
  pwd: z.string().regex(/^file:\/\/\/.*\/$/, 'a file:/// URL of a folder, ending in /'),
  env: z.record(z.string(), z.string()),
  compatibilityMode: z.enum(['extended', 'base']),
  k6version: z.string().min(1),
  goos: z.string().min(1),
});
export type K6ArchiveMetadata = z.infer<typeof k6ArchiveMetadataSchema>;

export interface K6ArchiveInput {
  /** Every file the scenario needs, by path relative to the archive root ('scenarios/x.ts', …). */
  files: ReadonlyMap<string, Uint8Array>;
  /** The entry script, one of `files`. */
  entry: string;
  /** k6 options as the entry script exports them (frozen into metadata.json). */
  options: Record<string, unknown>;
  /** Non-secret environment for the script (__ENV); runtime env overrides it. */
  env: Record<string, string>;
  k6Version: string;
  /** Seconds since the epoch for every entry (default 0: same input, same bytes). */
  mtimeS?: number;
}

/** The archive bytes (deterministic for the same input). */
export function buildK6Archive(input: K6ArchiveInput): Uint8Array {
  const entryData = input.files.get(input.entry);
  if (!entryData)
    throw new Error(`Could not build the k6 archive: the entry script ${input.entry} is not among its files.`);
  const entryPath = `${ARCHIVE_ROOT}/${input.entry}`;
  const metadata: K6ArchiveMetadata = k6ArchiveMetadataSchema.parse({
    type: 'js',
    options: input.options,
    filename: `file://${entryPath}`,
    pwd: `file://${entryPath.slice(0, entryPath.lastIndexOf('/') + 1)}`,
    env: input.env,
    compatibilityMode: 'extended',
    k6version: input.k6Version,
    goos: 'linux',
  });
  const mtimeS = input.mtimeS ?? 0;
  const paths = [...input.files.keys()].map((rel) => `${ARCHIVE_ROOT}/${rel}`).sort();
  const dirs = new Set<string>(['/']);
  for (const path of paths) {
    for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) dirs.add(path.slice(0, i));
  }
  const entries: TarEntry[] = [
    {
      type: 'file',
      name: 'metadata.json',
      data: new TextEncoder().encode(JSON.stringify(metadata, null, 2) + '\n'),
      mtimeS,
    },
    { type: 'file', name: 'data', data: entryData, mtimeS },
    ...[...dirs].sort().map((dir): TarEntry => ({ type: 'dir', name: dir === '/' ? 'file' : `file${dir}`, mtimeS })),
    ...paths.map((path): TarEntry =>
      path === entryPath
        ? { type: 'link', name: `file${path}`, target: 'data', mtimeS }
        : {
            type: 'file',
            name: `file${path}`,
            data: input.files.get(path.slice(ARCHIVE_ROOT.length + 1)) as Uint8Array,
            mtimeS,
          },
    ),
  ];
  return writeTar(entries);
}

export interface K6ArchiveContents {
  metadata: K6ArchiveMetadata;
  /** Every file as k6 sees it (entry script included, from `data`), by absolute path inside the archive. */
  files: Map<string, Uint8Array>;
}

/** Reads an archive the way k6 does (metadata.json, data, file/…); throws naming what is wrong. */
export function readK6Archive(bytes: Uint8Array): K6ArchiveContents {
  let metadata: K6ArchiveMetadata | undefined;
  let data: Uint8Array | undefined;
  const files = new Map<string, Uint8Array>();
  for (const entry of readTar(bytes)) {
    if (entry.type !== 'file') continue; // k6 skips directories and links
    if (entry.name === 'metadata.json')
      metadata = k6ArchiveMetadataSchema.parse(JSON.parse(new TextDecoder().decode(entry.data)));
    else if (entry.name === 'data') data = entry.data;
    else if (entry.name.startsWith('file/')) files.set(entry.name.slice('file'.length), entry.data);
    else
      throw new Error(
        `Unknown entry ${entry.name} in the k6 archive: k6 only reads metadata.json, data and file/… (or https/…).`,
      );
  }
  if (!metadata) throw new Error('The k6 archive has no metadata.json.');
  if (!data) throw new Error('The k6 archive has no data entry (the entry script).');
  files.set(new URL(metadata.filename).pathname, data);
  return { metadata, files };
}
