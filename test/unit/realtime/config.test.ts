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

  it('sends cookies over HTTPS only when told, and reads the first administrator from its pair', () => {
    expect(readConfig({})).toMatchObject({ secureCookies: false, admin: null });
    expect(readConfig({ COOKIE_SECURE: '1' }).secureCookies).toBe(true);
    const admin = { ADMIN_USERNAME: 'ops.admin', ADMIN_PASSWORD: 'a long passphrase' };
    expect(readConfig(admin).admin).toEqual({ username: 'ops.admin', password: 'a long passphrase' });
    expect(() => readConfig({ ADMIN_USERNAME: 'ops.admin' })).toThrow(/ADMIN_PASSWORD/);
    expect(() => readConfig({ ...admin, ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD/);
  });

  it('seeds the demo fleet at the size asked, within bounds', () => {
    expect(readConfig({}).demoTechnicians).toBe(2400);
    expect(readConfig({ DEMO_TECHNICIANS: '10000' }).demoTechnicians).toBe(10_000);
    expect(() => readConfig({ DEMO_TECHNICIANS: '50' })).toThrow(/DEMO_TECHNICIANS/);
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ SIMULATE: 'yes' })).toThrow(/SIMULATE/);
  });

  it('leaves email and SMS unconfigured without their settings, and in-app with its defaults', () => {
    expect(readConfig({}).notify).toMatchObject({ email: null, sms: null, webhook: { format: 'wecom' } });
  });

  it('reads a channel from its pair of settings, and names the half that is missing', () => {
    const env = { NOTIFY_SMTP_URL: 'smtp://mail.example.com:587', NOTIFY_EMAIL_FROM: 'dispatch@example.com' };
    expect(readConfig(env).notify.email).toEqual({
      smtpUrl: 'smtp://mail.example.com:587',
      from: 'dispatch@example.com'
    });
    expect(() => readConfig({ NOTIFY_SMTP_URL: env.NOTIFY_SMTP_URL })).toThrow(/NOTIFY_EMAIL_FROM/);
    expect(() => readConfig({ NOTIFY_SMS_KEY: 'a-key-of-sixteen-chars' })).toThrow(/NOTIFY_SMS_URL/);
    expect(() => readConfig({ NOTIFY_SMTP_URL: 'http://mail.example.com' })).toThrow(/NOTIFY_SMTP_URL/);
  });
});
