import { CENTRAL_PATHS } from '@rinda/shared';

/** Head office's API as a test calls it: real HTTP to the real server on 127.0.0.1. */
export function centralClient(url: string, adminToken: string) {
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    call,
    createBranch: async (id: string, region = 'riga', name = `Branch ${id}`) => {
      const r = await call('POST', CENTRAL_PATHS.branches, { id, name, region }, adminToken);
      if (r.status !== 201) throw new Error(`createBranch ${id}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as { id: string; enrolmentCode: string };
    },
    enrol: async (branchId: string, code: string) => call('POST', CENTRAL_PATHS.enrol, { branchId, code }),
    ship: (token: string, body: unknown) => call('POST', CENTRAL_PATHS.batches, body, token),
    admin: (method: string, path: string, body?: unknown) => call(method, path, body, adminToken),
  };
}
