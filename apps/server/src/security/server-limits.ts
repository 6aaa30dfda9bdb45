import { z } from 'zod';
import { DEFAULT_SPEECH_CACHE_BYTES } from '@rinda/hardware';
import { Role } from '@rinda/shared';

/**
 * Every limit that keeps one client from slowing the branch, with its default. docs/SECURITY.md
 * ("Limits on every client") gives each default and why a real device or person never meets it.
 */
const Rate = z.strictObject({
  /** Events that may come back to back before the rate applies. */
  burst: z.number().positive(),
  /** Sustained events per second. */
  perSecond: z.number().positive(),
});
export type RateLimit = z.infer<typeof Rate>;

const Count = z.number().int().positive();
const Millis = z.number().int().positive();

const PerRole = z.strictObject({
  kiosk: Rate,
  display: Rate,
  rating: Rate,
  teller: Rate,
  manager: Rate,
  public: Rate,
} satisfies Record<Role, typeof Rate>);

export const ServerLimits = z.strictObject({
  /** Socket events (commands, known or not) per socket, by the socket's role. */
  socketEvents: PerRole,
  /**
   * Of those, the events that enter the command path (every event but `sync:request`), per socket and role:
   * an accepted command costs a transaction and, when it changes something, a message to every screen.
   */
  socketCommands: PerRole,
  /** A socket refused more than this many events within `refusalWindowMs` is disconnected. */
  disconnectAfterRefusals: Count,
  refusalWindowMs: Millis,
  /** After such a disconnect, its credential may not open a socket again for this long. */
  reconnectCooldownMs: Millis,
  /** A socket whose unsent output passes this many bytes (as characters of encoded packets) is dropped. */
  outgoingBufferBytes: Count,
  /** Live sockets per client address (the TCP peer), per credential, and in all. */
  connectionsPerAddress: Count,
  connectionsPerCredential: Count,
  connectionsTotal: Count,
  /** New connections (handshakes) per client address. */
  handshakesPerAddress: Rate,
  /** POST /api/speech per device. */
  speechRequests: Rate,
  /** Requests from phones per client address: remote join (challenge and ticket together), and apart the SMS number routes. */
  phoneRequests: Rate,
  /** The speech cache's size on disk; least recently used files are deleted past it. */
  speechCacheBytes: Count,
});
export type ServerLimits = z.infer<typeof ServerLimits>;

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: ServerLimits = {
  socketEvents: {
    kiosk: { burst: 20, perSecond: 5 },
    display: { burst: 10, perSecond: 2 },
    rating: { burst: 10, perSecond: 1 },
    teller: { burst: 30, perSecond: 10 },
    manager: { burst: 30, perSecond: 10 },
    public: { burst: 10, perSecond: 1 },
  },
  // A person sends a command per click, one at a time (the counter and manager apps wait for each ack):
  // docs/SECURITY.md gives the reasoning for each number.
  socketCommands: {
    kiosk: { burst: 20, perSecond: 5 },
    display: { burst: 2, perSecond: 0.5 },
    // One tap per visit: a retry or two after a lost ack fits, a stuck screen or a script does not.
    rating: { burst: 3, perSecond: 0.2 },
    teller: { burst: 10, perSecond: 5 },
    manager: { burst: 10, perSecond: 5 },
    public: { burst: 2, perSecond: 0.5 },
  },
  disconnectAfterRefusals: 50,
  refusalWindowMs: 10_000,
  reconnectCooldownMs: 10_000,
  outgoingBufferBytes: 4 * MiB,
  connectionsPerAddress: 250,
  connectionsPerCredential: 20,
  connectionsTotal: 2000,
  handshakesPerAddress: { burst: 300, perSecond: 30 },
  speechRequests: { burst: 10, perSecond: 0.5 },
  phoneRequests: { burst: 10, perSecond: 0.2 },
  speechCacheBytes: DEFAULT_SPEECH_CACHE_BYTES,
};

/** What a caller may override: any limit, and any role's event or command rate on its own. */
export const LimitsOverride = ServerLimits.partial().extend({ socketEvents: PerRole.partial().optional(), socketCommands: PerRole.partial().optional() });
export type LimitsOverride = z.infer<typeof LimitsOverride>;

/**
 * `RINDA_LIMITS`: a JSON object of limits to change, e.g. `{"connectionsPerAddress": 600}` behind a
 * reverse proxy (every client then has the proxy's address). Unknown names and bad values are refused.
 */
export function parseLimitsEnv(raw: string | undefined): { ok: true; limits: LimitsOverride } | { ok: false; message: string } {
  if (raw === undefined || raw.trim() === '') return { ok: true, limits: {} };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, message: 'RINDA_LIMITS is not JSON' };
  }
  const parsed = LimitsOverride.safeParse(json);
  return parsed.success ? { ok: true, limits: parsed.data } : { ok: false, message: `RINDA_LIMITS is invalid:\n${z.prettifyError(parsed.error)}` };
}

/** The defaults with the given overrides, checked: a limit that is not a positive number is refused. */
export function resolveLimits(override: LimitsOverride = {}): ServerLimits {
  const { socketEvents, socketCommands, ...rest } = override;
  return ServerLimits.parse({
    ...DEFAULT_LIMITS,
    ...rest,
    socketEvents: { ...DEFAULT_LIMITS.socketEvents, ...socketEvents },
    socketCommands: { ...DEFAULT_LIMITS.socketCommands, ...socketCommands },
  });
}
