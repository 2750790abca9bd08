import type { Request, Response } from 'express';
import { tokenMatches } from '../../../common/node/index.ts';

/**
 * Meta's subscription handshake: echo `hub.challenge` when the mode is subscribe and the token
 * matches. A connector without a configured token refuses every handshake.
 */
export function createVerifyHandler(verifyToken: string | undefined) {
  return (req: Request, res: Response) => {
    const mode = readStringParam(req.query['hub.mode']);
    const token = readStringParam(req.query['hub.verify_token']);
    const challenge = readStringParam(req.query['hub.challenge']);
    if (mode !== 'subscribe' || challenge === undefined) {
      res.status(400).json({ error: 'expected hub.mode=subscribe, hub.verify_token and hub.challenge', status: 400 });
      return;
    }
    if (verifyToken === undefined || token === undefined || !tokenMatches(token, verifyToken)) {
      res.status(403).json({ error: 'verify token does not match', status: 403 });
      return;
    }
    res.status(200).type('text/plain').send(challenge);
  };
}

function readStringParam(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
