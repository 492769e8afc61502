import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../realtime/config';

describe('settings', () => {
  it('serves on 127.0.0.1:3000 from ./data with the demo and simulator on by default', () => {
    expect(readConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: './data',
      demo: true,
      simulate: true,
      tileUrl: null
    });
  });

  it('turns the demo and simulator off by default when a Postgres URL is given', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://u@h/db' })).toMatchObject({ demo: false, simulate: false });
  });

  it('lets SIMULATE and DEMO override the defaults', () => {
    expect(readConfig({ SIMULATE: '0', DEMO: '0' })).toMatchObject({ demo: false, simulate: false });
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ SIMULATE: 'yes' })).toThrow(/SIMULATE/);
  });
});
