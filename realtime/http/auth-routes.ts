import { Router } from 'express';
import { SESSION_COOKIE, SESSION_TTL_MS, type SessionService } from '../auth/sessions';
import type { SessionUser } from '../contract';
import { LoginSchema } from '../schemas/login';
import { HttpError, parseInput } from './errors';
import { authenticate, authOf, jsonBody } from './middleware';

const publicUser = ({ id, username, role, regionIds }: SessionUser): SessionUser => ({
  id,
  username,
  role,
  regionIds
});

export function authRoutes(sessions: SessionService, secureCookies: boolean): Router {
  const r = Router();
  r.post('/auth/login', ...jsonBody, async (req, res) => {
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
    await sessions.logout(authOf(res).token);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });
  r.get('/me', authenticate(sessions), (_req, res) => {
    res.json({ user: publicUser(authOf(res).user) });
  });
  return r;
}
