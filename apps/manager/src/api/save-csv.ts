import { refusalOf, type ApiResult } from '@rinda/shared/ui/http';

/** A CSV download: the response of a route fetched with the token, handed to the browser as a file. */
export async function saveCsv(response: Response | ApiResult<never>, fileName: string): Promise<ApiResult<string>> {
  if (!(response instanceof Response)) return response;
  if (!response.ok) return refusalOf(response, await response.json().catch(() => null));
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
