/** The status page lives at /t/<id>; the id is the ticket's unguessable id. */
export function ticketIdFromPath(pathname: string): string | null {
  const match = /\/t\/([A-Za-z0-9_-]{16,64})\/?$/.exec(pathname);
  return match?.[1] ?? null;
}
