import { describe, expect, it } from 'vitest';
import { AuditRoute, parseReply, ReportRoute, routeUrl, TicketStatusRoute, UsersRoute } from '../index';

describe('route URLs', () => {
  it('fills params in, encoded, and appends the query without the parts left out', () => {
    expect(routeUrl(TicketStatusRoute, { params: { id: 'a/b c' } })).toBe('/api/tickets/a%2Fb%20c/status');
    expect(routeUrl(ReportRoute, { params: { name: 'summary' }, query: { from: '2025-01-01', to: '2025-01-31', groupBy: 'day', format: undefined } })).toBe(
      '/api/reports/summary?from=2025-01-01&to=2025-01-31&groupBy=day',
    );
    expect(routeUrl(AuditRoute, { query: { limit: 200 } })).toBe('/api/admin/audit?limit=200');
    expect(routeUrl(UsersRoute, {})).toBe('/api/admin/users');
  });

  it('refuses to build a URL with a param missing', () => {
    expect(() => routeUrl(TicketStatusRoute, {})).toThrow(/missing param id/);
  });
});

describe('replies', () => {
  it('parses a reply with its route and rejects one of another shape', () => {
    const users = [{ id: 'u1', username: 'maija', name: 'Maija', role: 'manager', disabled: false, createdAt: 1, passwordChangeRequired: false, demo: false }];
    expect(parseReply(UsersRoute, { users })).toEqual({ success: true, data: { users } });
    expect(parseReply(UsersRoute, { users: [{ ...users[0], role: 'kiosk' }] }).success).toBe(false);
  });
});
