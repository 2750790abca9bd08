/** A Graph version path segment: `v23.0`. */
export const GRAPH_VERSION = /^v\d{1,2}\.\d$/;
// An unversioned Graph path starts with a node id (digits) or the media download folder.
const NODE_SEGMENT = /^(\d{1,30}|whatsapp_business)$/;

/**
 * Real Graph serves a path without `/vNN.N` as its oldest available version; SDKs that drop the
 * version rely on it. Returns the path with `version` put in front, or undefined when the path
 * is versioned already, is not a Graph node path (admin, metrics) or unversioned paths are off.
 *
 * @example versionUnversionedPath('/106540352242922/messages', 'v21.0') // '/v21.0/106540352242922/messages'
 */
export function versionUnversionedPath(path: string, version: string | 'off'): string | undefined {
  if (version === 'off') return undefined;
  const first = path.split('/')[1] ?? '';
  if (GRAPH_VERSION.test(first) || !NODE_SEGMENT.test(first.split('?')[0] ?? '')) return undefined;
  return `/${version}${path}`;
}
