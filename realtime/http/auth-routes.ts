import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { SESSION_COOKIE, SESSION_TTL_MS, type SessionService } from '../auth/sessions';
import type { SessionUser } from '../contract';
import { LoginSchema } from '../schemas/login';
import { HttpError, parseInput } from './errors';
import { authenticate, authOf, jsonBody } from './middleware';

const publicUser = ({ id, username, role, regionIds, technicianId }: SessionUser): SessionUser => ({
  id,
  username,
  role,
  regionIds,
  technicianId
});

export function authRoutes(
  sessions: SessionService,
  secureCookies: boolean,
  onLogout: (sessionId: string) => void
): Router {
  const r = Router();
  // Each attempt costs an argon2 hash: failures per address and name are capped (successes are free).
  const limiter = rateLimit({
    windowMs: 5 * 60_000,
    limit: 10,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) =>
      `${ipKeyGenerator(req.ip ?? '')}|${String((req.body as { username?: unknown } | undefined)?.username)}`,
    handler: (_req, _res, next) =>
      next(
        new HttpError(429, 'too_many_attempts', 'too many failed sign-ins: wait a few minutes and try again')
      )
  });
  r.post('/auth/login', ...jsonBody, limiter, async (req, res) => {
    const { username, password } = parseInput(LoginSchema, req.body);
    const session = await sessions.login(username, password);
    if (!session) throw new HttpError(401, 'invalid_credentials', 'wrong username or password');
    res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookies,
      path: '/',
      maxAge: SESSION_TTL_MS
    });
    res.json({ user: publicUser(session.user) });
  });
  r.post('/auth/logout', authenticate(sessions), async (_req, res) => {
    onLogout(await sessions.logout(authOf(res).token));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  r.get('/me', authenticate(sessions), (_req, res) => {
    res.json({ user: publicUser(authOf(res).user) });
  });
  return r;
}
