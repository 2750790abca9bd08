import { describeGraphError } from '../graph-errors.ts';
import { parseMediaType } from '../media-type.ts';
import { findBoundary, parseMultipart } from '../multipart.ts';
import { respondJson } from '../outcome.ts';
import type { GraphRoute } from './step.ts';

const missingMedia = (id: string) =>
  describeGraphError(100, {
    status: 404,
    subcode: 33,
    message: `Unsupported get request. Object with ID '${id.slice(0, 40)}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
  });

/** POST /{v}/{phone-number-id}/media (multipart: messaging_product, type, file) → { id }. */
export const mediaUploadRoute: GraphRoute = {
  endpoint: 'media-upload',
  method: 'POST',
  path: '/:version/:phoneNumberId/media',
  phoneNumberId: (params) => params.phoneNumberId,
  handle(request, _params, context) {
    const boundary = findBoundary(request.header('content-type'));
    if (!boundary)
      return { type: 'fail', spec: describeGraphError(100, { details: 'Send multipart/form-data with a file part' }) };
    if (request.body.length > context.config.maxMediaBytes) {
      return {
        type: 'fail',
        spec: describeGraphError(100, { status: 413, details: `Upload exceeds ${context.config.maxMediaBytes} bytes` }),
      };
    }
    const parts = parseMultipart(request.body, boundary);
    if (!parts) return { type: 'fail', spec: describeGraphError(100, { details: 'Malformed multipart body' }) };
    const product = parts.find((p) => p.name === 'messaging_product')?.data.toString();
    if (product !== 'whatsapp')
      return { type: 'fail', spec: describeGraphError(131008, { details: 'messaging_product: must be "whatsapp"' }) };
    const file = parts.find((p) => p.name === 'file');
    if (!file || file.data.length === 0)
      return { type: 'fail', spec: describeGraphError(131008, { details: 'file: a non-empty file part is required' }) };
    const typePart = parts.find((p) => p.name === 'type')?.data.toString();
    const mimeType = typePart
      ? parseMediaType(typePart)
      : (parseMediaType(file.contentType) ?? 'application/octet-stream');
    if (mimeType === null)
      return {
        type: 'fail',
        spec: describeGraphError(100, {
          details: 'type: expected a MIME type such as image/jpeg (ASCII, at most 255 characters)',
        }),
      };
    return {
      type: 'effect',
      commit: () => respondJson(200, { id: context.media.add(new Uint8Array(file.data), mimeType).id }),
    };
  },
};

/** GET /{v}/{media-id} → url, mime_type, sha256, file_size (the url needs the token too). */
export const mediaGetRoute: GraphRoute = {
  endpoint: 'media-get',
  method: 'GET',
  path: '/:version/:nodeId',
  accepts: (params, context) => context.media.get(params.nodeId ?? '') !== undefined,
  handle(request, params, context) {
    const id = params.nodeId ?? '';
    const item = context.media.get(id);
    if (!item) return { type: 'fail', spec: missingMedia(id) };
    return {
      type: 'effect',
      commit: () =>
        respondJson(200, {
          messaging_product: 'whatsapp',
          url: `${request.origin}/${params.version}/whatsapp_business/attachments?mid=${id}`,
          mime_type: item.mimeType,
          sha256: item.sha256,
          file_size: item.fileSize,
          id,
        }),
    };
  },
};

/** GET /{v}/whatsapp_business/attachments?mid=… → the bytes (the download URL handed out above). */
export const mediaDownloadRoute: GraphRoute = {
  endpoint: 'media-download',
  method: 'GET',
  path: '/:version/whatsapp_business/attachments',
  handle(request, _params, context) {
    const id = request.query.get('mid') ?? '';
    const item = context.media.get(id);
    if (!item) return { type: 'fail', spec: missingMedia(id) };
    return {
      type: 'effect',
      commit: () => ({
        action: 'respond',
        status: 200,
        headers: { 'content-type': item.mimeType },
        body: item.bytes,
        delayMs: 0,
        holdMs: 0,
      }),
    };
  },
};

/** DELETE /{v}/{media-id} → { success: true }. */
export const mediaDeleteRoute: GraphRoute = {
  endpoint: 'media-delete',
  method: 'DELETE',
  path: '/:version/:mediaId',
  handle(_request, params, context) {
    const id = params.mediaId ?? '';
    if (!context.media.get(id)) return { type: 'fail', spec: missingMedia(id) };
    return { type: 'effect', commit: () => respondJson(200, { success: context.media.delete(id) }) };
  },
};
