import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db';
import { login, seededDatabase, startServer, type TestServer } from '../support/app';
import { connect, connected, recordFrames, until, type TestSocket } from '../support/sockets';

let handle: DatabaseHandle;
let server: TestServer;
const sockets: TestSocket[] = [];
const open = (cookie?: string) => {
  const s = connect(server.base, cookie);
  sockets.push(s);
  return s;
};

beforeAll(async () => {
  handle = await seededDatabase();
  server = await startServer(handle);
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
  await handle.close();
});

const techIn = (regionId: string) => {
  const tech = server.app.fleet.inRegions([regionId])[0];
  if (!tech) throw new Error(`no technician in ${regionId}`);
  return tech;
};

describe('socket authentication', () => {
  it('refuses a connection without a session cookie', async () => {
    await expect(connected(open())).rejects.toThrow('unauthenticated');
  });

  it('refuses a connection with a forged token', async () => {
    await expect(connected(open('sid=forged'))).rejects.toThrow('unauthenticated');
  });
});

describe('technician frames', () => {
  it('starts a connection with a full frame of exactly the permitted regions', async () => {
    const s = open(await login(server.base, 'manager.north'));
    const frames = recordFrames(s);
    await connected(s);
    await until(() => frames.length > 0, 'the first frame');
    const first = frames[0];
    expect(first?.full).toBe(true);
    expect(first?.positions.length).toBe(server.app.fleet.inRegions(['north']).length);
    expect(new Set(first?.positions.map((p) => p.regionId))).toEqual(new Set(['north']));
  });

  it('never sends a manager of north an east position, while sending north ones', async () => {
    const northSocket = open(await login(server.base, 'manager.north'));
    const northFrames = recordFrames(northSocket);
    const eastSocket = open(await login(server.base, 'manager.east'));
    const eastFrames = recordFrames(eastSocket);
    await Promise.all([connected(northSocket), connected(eastSocket)]);

    const east = techIn('east');
    const north = techIn('north');
    server.app.fleet.report(east.id, { lng: 121.5, lat: 31.2 });
    server.app.fleet.report(north.id, { lng: 116.4, lat: 39.9 });
    server.app.flushFrame();

    const sawIn = (frames: typeof northFrames, id: string) =>
      frames.some((f) => !f.full && f.positions.some((p) => p.id === id));
    await until(() => sawIn(northFrames, north.id) && sawIn(eastFrames, east.id), 'both partial frames');
    const everyNorthPosition = northFrames.flatMap((f) => f.positions);
    expect(everyNorthPosition.some((p) => p.regionId !== 'north')).toBe(false);
    expect(everyNorthPosition.some((p) => p.id === east.id)).toBe(false);
  });

  it('coalesces many reports of one technician into one position per frame', async () => {
    const s = open(await login(server.base, 'admin'));
    const frames = recordFrames(s);
    await connected(s);
    const tech = techIn('south');
    for (let i = 0; i < 10; i++) server.app.fleet.report(tech.id, { lng: 113.26 + i / 1000, lat: 23.13 });
    server.app.flushFrame();
    await until(() => frames.some((f) => !f.full && f.positions.some((p) => p.id === tech.id)), 'the frame');
    const partial = frames.filter((f) => !f.full).flatMap((f) => f.positions.filter((p) => p.id === tech.id));
    expect(partial).toEqual([expect.objectContaining({ lng: 113.26 + 9 / 1000, lat: 23.13 })]);
  });

  it('takes a technician’s own position report and frames it to their region', async () => {
    const tech = server.app.fleet.get('T00002');
    if (!tech) throw new Error('T00002 missing');
    const viewer = open(await login(server.base, 'admin'));
    const frames = recordFrames(viewer);
    const phone = open(await login(server.base, 'tech.0002'));
    await Promise.all([connected(viewer), connected(phone)]);
    const reply = await phone.emitWithAck('tech:position', {
      lng: tech.location.lng + 0.01,
      lat: tech.location.lat
    });
    expect(reply).toEqual({ data: { accepted: true } });
    server.app.flushFrame();
    await until(
      () => frames.some((f) => !f.full && f.positions.some((p) => p.id === 'T00002')),
      'the reported position'
    );
  });

  it('answers a bad position with a validation error naming the field, and a non-technician with forbidden', async () => {
    const phone = open(await login(server.base, 'tech.0003'));
    await connected(phone);
    const bad = await phone.emitWithAck('tech:position', { lng: 500, lat: 31 });
    expect(bad).toMatchObject({ error: { code: 'validation_failed', fields: [{ path: 'lng' }] } });
    const manager = open(await login(server.base, 'manager.east'));
    await connected(manager);
    expect(await manager.emitWithAck('tech:position', { lng: 121, lat: 31 })).toMatchObject({
      error: { code: 'forbidden' }
    });
  });

  it('gives a snapshot with counts for the permitted regions only', async () => {
    const s = open(await login(server.base, 'manager.east'));
    await connected(s);
    const reply = await s.emitWithAck('wall:snapshot');
    if (!('data' in reply)) throw new Error('snapshot refused');
    const total = Object.values(reply.data.stats.technicians).reduce((a, b) => a + b, 0);
    expect(total).toBe(server.app.fleet.inRegions(['east']).length);
    expect(reply.data.frame.positions.every((p) => p.regionId === 'east')).toBe(true);
  });
});

describe('socket sessions', () => {
  it('closes a live socket when its session logs out', async () => {
    const cookie = await login(server.base, 'manager.east');
    const s = open(cookie);
    await connected(s);
    const closed = new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));
    await fetch(`${server.base}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(await closed).toBe('io server disconnect');
  });

  it('refuses a handshake from another site’s page even with a valid cookie', async () => {
    const { io } = await import('socket.io-client');
    const s = io(server.base, {
      transports: ['websocket'],
      extraHeaders: { cookie: await login(server.base, 'admin'), origin: 'http://evil.example' },
      reconnection: false,
      forceNew: true
    });
    sockets.push(s);
    await expect(connected(s)).rejects.toThrow();
  });

  it('sends a national viewer one frame per tick with every region’s changes', async () => {
    const s = open(await login(server.base, 'exec'));
    const frames = recordFrames(s);
    await connected(s);
    await until(() => frames.length > 0, 'the full frame');
    const east = techIn('east');
    const north = techIn('north');
    server.app.fleet.report(east.id, { lng: 121.4, lat: 31.1 });
    server.app.fleet.report(north.id, { lng: 116.3, lat: 39.8 });
    server.app.flushFrame();
    await until(() => frames.some((f) => !f.full), 'a partial frame');
    await new Promise((r) => setTimeout(r, 100));
    const partial = frames.filter((f) => !f.full);
    expect(partial).toHaveLength(1);
    expect(partial[0]?.positions.map((p) => p.id).sort()).toEqual([east.id, north.id].sort());
  });
});
