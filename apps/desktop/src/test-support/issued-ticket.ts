import { sampleIssuedTicket } from '@rinda/hardware';
import type { IssuedTicket } from '@rinda/shared';

/** A ticket as the server acks it to a kiosk, with its own id (the print bridge prints each id once). */
export function issuedTicket(id: string, displayNumber = 'A023'): IssuedTicket {
  const sample = sampleIssuedTicket({ displayNumber });
  return { ...sample, ticket: { ...sample.ticket, id }, statusPath: `/t/${id}`, statusUrl: `http://127.0.0.1:8080/t/${id}`, print: { status: 'by-device' } };
}
