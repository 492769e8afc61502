// The JSON API as one signed-in user, for tests that drive a server from outside (a child process).
export type JsonApi = <T>(
  method: string,
  path: string,
  body?: unknown
) => Promise<{ status: number; body: T }>;

export function jsonApi(base: string, cookie: string): JsonApi {
  return async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined
    });
    return { status: res.status, body: (await res.json()) as T };
  };
}
