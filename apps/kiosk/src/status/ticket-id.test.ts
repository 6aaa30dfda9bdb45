import { describe, expect, it } from 'vitest';
import { ticketIdFromPath } from './ticket-id';

describe('ticket id from the status page address', () => {
  it('reads the id after /t/', () => {
    expect(ticketIdFromPath('/t/AbCdEfGhIjKlMnOpQrSt_-12')).toBe('AbCdEfGhIjKlMnOpQrSt_-12');
    expect(ticketIdFromPath('/t/AbCdEfGhIjKlMnOpQrSt/')).toBe('AbCdEfGhIjKlMnOpQrSt');
  });

  it('refuses anything that is not a plausible ticket id', () => {
    expect(ticketIdFromPath('/t/short')).toBeNull();
    expect(ticketIdFromPath('/t/../../etc/passwd')).toBeNull();
    expect(ticketIdFromPath('/kiosk/status.html')).toBeNull();
  });
});
