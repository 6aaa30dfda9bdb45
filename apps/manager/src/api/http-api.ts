import { z } from 'zod';
import { ErrorCode } from '@rinda/shared';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; code: ErrorCode | 'NETWORK'; message: string };

const ErrorReply = z.object({ error: z.object({ code: ErrorCode, message: z.string() }) });

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  token?: string | null;
}

/** Every call to the server's HTTP API: Bearer token in a header (never the URL), reply parsed with zod. */
export async function callApi<T>(path: string, schema: z.ZodType<T>, init: ApiRequest = {}): Promise<ApiResult<T>> {
  const response = await send(path, init, 'application/json');
  if (!(response instanceof Response)) return response;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) return errorOf(response, body);
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, code: 'INTERNAL', message: 'Unexpected reply from the server' };
}

/** A CSV download: fetched with the token, handed to the browser as a file. */
export async function downloadCsv(path: string, token: string, fileName: string): Promise<ApiResult<string>> {
  const response = await send(path, { token }, 'text/csv');
  if (!(response instanceof Response)) return response;
  if (!response.ok) return errorOf(response, await response.json().catch(() => null));
  const text = await response.text();
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true, data: text };
}

async function send(path: string, init: ApiRequest, accept: string): Promise<Response | ApiResult<never>> {
  const headers: Record<string, string> = { accept };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  } catch {
    return { ok: false, code: 'NETWORK', message: 'The branch server cannot be reached' };
  }
}

function errorOf(response: Response, body: unknown): ApiResult<never> {
  const error = ErrorReply.safeParse(body);
  if (error.success) return { ok: false, ...error.data.error };
  return { ok: false, code: response.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL', message: `HTTP ${response.status}` };
}
