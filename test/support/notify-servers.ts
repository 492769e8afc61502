// Local stand-ins for what notifications reach: a webhook receiver and an SMS provider (node:http) and
// an SMTP server (smtp-server), each on port 0, each recording what arrived.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { signature } from '../../realtime/notify/sms';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/**
 * How the receiver answers: a status code, `refuse` for a 200 whose body says no (as a WeCom robot does
 * for a bad key), or `hang` to hold every answer until `release()`.
 */
export type Behaviour = number | 'refuse' | 'hang';

export interface HttpReceiver {
  url: string;
  received: Received[];
  behaviour: Behaviour;
  /** Answers every held request 200. */
  release(): void;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<{ raw: string; body: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return { raw, body: JSON.parse(raw) as unknown };
}

async function httpReceiver(
  answer: (req: IncomingMessage, raw: string) => { status: number; body: unknown } | null
): Promise<HttpReceiver> {
  const held: ServerResponse[] = [];
  const reply = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const receiver: HttpReceiver = {
    url: '',
    received: [],
    behaviour: 200,
    release: () => held.splice(0).forEach((res) => reply(res, 200, { errcode: 0, errmsg: 'ok' })),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
  const server = createServer((req, res) => {
    void readJson(req).then(({ raw, body }) => {
      receiver.received.push({ path: req.url ?? '', headers: req.headers, body });
      const refused = answer(req, raw);
      if (refused) return reply(res, refused.status, refused.body);
      if (receiver.behaviour === 'hang') return void held.push(res);
      if (receiver.behaviour === 'refuse')
        return reply(res, 200, { errcode: 93000, errmsg: 'invalid webhook url' });
      const ok = receiver.behaviour < 300;
      reply(res, receiver.behaviour, ok ? { errcode: 0, errmsg: 'ok' } : { error: 'down' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}

/** A WeCom-style group robot: answers `{errcode: 0}` when it takes the message. */
export const startWebhookReceiver = () => httpReceiver(() => null);

/** An SMS provider that refuses (401) a request whose signature does not match `key`. */
export const startSmsProvider = (key: string) =>
  httpReceiver((req, raw) => {
    const timestamp = String(req.headers['x-timestamp'] ?? '');
    return req.headers['x-signature'] === signature(key, timestamp, raw)
      ? null
      : { status: 401, body: { error: 'bad signature' } };
  });

export interface Mail {
  to: string[];
  subject: string;
  text: string;
  /** What the priority headers say (mailparser folds them into one): `high` for a critical alert. */
  priority: string;
}

export async function startSmtpServer(): Promise<{ url: string; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: the built-in test certificate would not pass nodemailer's checks.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            priority: String(mail.headers.get('priority') ?? 'normal')
          });
          callback();
        },
        (err: Error) => callback(err)
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  };
}
