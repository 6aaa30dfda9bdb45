import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, parseLimitsEnv, resolveLimits } from './server-limits';

describe('server limits', () => {
  it('keeps every default a change does not name, one role rate included', () => {
    const limits = resolveLimits({ connectionsPerAddress: 600, socketEvents: { public: { burst: 3, perSecond: 1 } } });
    expect(limits).toEqual({ ...DEFAULT_LIMITS, connectionsPerAddress: 600, socketEvents: { ...DEFAULT_LIMITS.socketEvents, public: { burst: 3, perSecond: 1 } } });
    const commands = resolveLimits({ socketCommands: { teller: { burst: 4, perSecond: 1 } } });
    expect(commands).toEqual({ ...DEFAULT_LIMITS, socketCommands: { ...DEFAULT_LIMITS.socketCommands, teller: { burst: 4, perSecond: 1 } } });
  });

  it('gives no role a command budget larger than its budget for all events', () => {
    for (const [role, rate] of Object.entries(DEFAULT_LIMITS.socketCommands)) {
      const events = DEFAULT_LIMITS.socketEvents[role as keyof typeof DEFAULT_LIMITS.socketEvents];
      expect(rate.burst, role).toBeLessThanOrEqual(events.burst);
      expect(rate.perSecond, role).toBeLessThanOrEqual(events.perSecond);
    }
  });

  it('reads RINDA_LIMITS as such a change, and nothing as none', () => {
    expect(parseLimitsEnv('{"connectionsPerAddress": 600}')).toEqual({ ok: true, limits: { connectionsPerAddress: 600 } });
    expect(parseLimitsEnv(undefined)).toEqual({ ok: true, limits: {} });
    expect(parseLimitsEnv('  ')).toEqual({ ok: true, limits: {} });
    expect(parseLimitsEnv('{"outgoingBufferBytes": 0}')).toMatchObject({ ok: false, message: expect.stringMatching(/outgoingBufferBytes/) });
  });

  it('refuses a limit that is not a positive number', () => {
    expect(() => resolveLimits({ connectionsTotal: 0 })).toThrow();
    expect(() => resolveLimits({ socketEvents: { teller: { burst: 30, perSecond: -1 } } })).toThrow();
  });
});
