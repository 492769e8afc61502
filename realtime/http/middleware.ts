// Request plumbing shared by every route: body rules, who is calling, and the 4xx they earn.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { parse as parseCookie } from 'cookie';
import type { Principal } from '../auth/scope';
import { SESSION_COOKIE, type SessionService } from '../auth/sessions';
import { HttpError } from './errors';

export const BODY_LIMIT = '64kb';

/** A batch of orders (up to 200, each up to a few kB with its description and fields). */
export const BATCH_BODY_LIMIT = '1mb';

/** A body must be JSON; anything else is 415 before the parser sees it. */
export const jsonBodyUpTo = (limit: string): RequestHandler[] => [
  (req, _res, next) => {
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !req.is('application/json'))
      return next(new HttpError(415, 'unsupported_media_type', 'send the body as application/json'));
    next();
  },
  express.json({ limit, type: 'application/json' })
];

export const jsonBody = jsonBodyUpTo(BODY_LIMIT);

export function sessionToken(cookieHeader: string | undefined, authorization?: string): string | undefined {
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7);
  return cookieHeader ? parseCookie(cookieHeader)[SESSION_COOKIE] : undefined;
}

export interface Authed {
  user: Principal;
  token: string;
}

export function authenticate(sessions: SessionService): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = sessionToken(req.headers.cookie, req.headers.authorization);
    const session = await sessions.resolve(token);
    if (!session || !token) return next(new HttpError(401, 'unauthenticated', 'sign in first'));
    res.locals.auth = { user: session.user, token } satisfies Authed;
    next();
  };
}

export const authOf = (res: Response): Authed => res.locals.auth as Authed;
