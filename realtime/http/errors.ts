// The one error shape of shared/API.md, and the mapping from what can go wrong to it.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ErrorBody } from '../events';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: ErrorBody['fields'],
    /** Extra members of the error body, such as the current state on a conflict. */
    readonly details?: Record<string, unknown>
  ) {
    super(message);
  }
}

export function zodFields(error: z.ZodError, prefix: string[] = []): NonNullable<ErrorBody['fields']> {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path.map(String)].join('.'),
    message: i.message
  }));
}

export function validationError(error: z.ZodError, prefix: string[] = []): HttpError {
  const fields = zodFields(error, prefix);
  const names = fields.map((f) => f.path || '(body)').join(', ');
  return new HttpError(422, 'validation_failed', `invalid input: ${names}`, fields);
}

/** Parse with a schema, or throw the 422 that names every wrong field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix: string[] = []
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, prefix);
  return result.data;
}

interface BodyParserError {
  type?: string;
  status?: number;
}

function fromBodyParser(err: BodyParserError): HttpError | undefined {
  if (err.type === 'entity.too.large')
    return new HttpError(413, 'payload_too_large', 'request body is too large');
  if (err.type === 'entity.parse.failed')
    return new HttpError(400, 'invalid_json', 'request body is not valid JSON');
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported')
    return new HttpError(415, 'unsupported_media_type', 'unsupported body encoding');
  // Anything else the framework already judged a client error (a malformed URL escape, say) stays one.
  if (err.status && err.status >= 400 && err.status < 500)
    return new HttpError(err.status, 'bad_request', 'malformed request');
  return undefined;
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const known = err instanceof HttpError ? err : fromBodyParser(err as BodyParserError);
    if (known) {
      const body: ErrorBody & Record<string, unknown> = {
        ...known.details,
        code: known.code,
        message: known.message
      };
      if (known.fields) body.fields = known.fields;
      res.status(known.status).json({ error: body });
      return;
    }
    log.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}
