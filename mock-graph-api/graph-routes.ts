import { callsRoute } from './endpoints/calls.ts';
import { mediaDeleteRoute, mediaDownloadRoute, mediaGetRoute, mediaUploadRoute } from './endpoints/media.ts';
import { messagesRoute } from './endpoints/messages.ts';
import { phoneNumberRoute } from './endpoints/phone-number.ts';
import type { GraphRoute } from './endpoints/step.ts';

/**
 * The one handler list both transports serve, in match order: the Express adapter and the msw
 * handlers register exactly these, so in-process and over-the-wire behaviour cannot drift.
 */
export const GRAPH_ROUTES: readonly GraphRoute[] = [
  messagesRoute,
  mediaUploadRoute,
  callsRoute,
  mediaDownloadRoute,
  mediaGetRoute,
  phoneNumberRoute,
  mediaDeleteRoute,
];
