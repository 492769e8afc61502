import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db';
import { login, seededDatabase, startServer, type TestServer } from '../support/app';
import { serviceUrl } from '../support/services';
import { connect, connected, recordFrames, until, type TestSocket } from '../support/sockets';

const redisUrl = serviceUrl('REDIS_URL', 'the two-instance Redis test');

describe.skipIf(!redisUrl)('two instances sharing Redis', () => {
  let handle: DatabaseHandle;
  let a: TestServer;
  let b: TestServer;
  let socket: TestSocket;

  beforeAll(async () => {
    handle = await seededDatabase();
    const redisKey = `test-${randomBytes(4).toString('hex')}`;
    a = await startServer(handle, { redisUrl, redisKey });
    b = await startServer(handle, { redisUrl, redisKey });
  });
  afterAll(async () => {
    socket?.disconnect();
    await Promise.all([a?.close(), b?.close()]);
    await handle?.close();
  });

  it('delivers a frame produced on one instance to a client of the other', async () => {
    socket = connect(b.base, await login(b.base, 'manager.east'));
    const frames = recordFrames(socket);
    await connected(socket);
    const tech = a.app.fleet.inRegions(['east'])[0];
    if (!tech) throw new Error('no east technician');
    a.app.fleet.report(tech.id, { lng: 120.15, lat: 30.28 });
    a.app.flushFrame();
    await until(
      () => frames.some((f) => !f.full && f.positions.some((p) => p.id === tech.id)),
      'the frame from instance a'
    );
    const seen = frames.flatMap((f) => (f.full ? [] : f.positions)).find((p) => p.id === tech.id);
    expect(seen).toMatchObject({ lng: 120.15, lat: 30.28, regionId: 'east' });
  });
});
