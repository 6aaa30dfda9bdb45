import type { AppDeps } from '@rinda/server';

const NEVER_MET = { burst: 1e9, perSecond: 1e9 };
const NO_CAP = 1_000_000_000;

/**
 * Limits for a test or benchmark that drives one socket or address faster than any real device (a fuzzer,
 * one kiosk feeding a race of tellers, hundreds of simulated clients on 127.0.0.1): every limit is still
 * checked on every event and connection, and never met.
 */
export const LOAD_TEST_LIMITS: NonNullable<AppDeps['limits']> = {
  socketEvents: { kiosk: NEVER_MET, display: NEVER_MET, rating: NEVER_MET, teller: NEVER_MET, manager: NEVER_MET, public: NEVER_MET },
  socketCommands: { kiosk: NEVER_MET, display: NEVER_MET, rating: NEVER_MET, teller: NEVER_MET, manager: NEVER_MET, public: NEVER_MET },
  handshakesPerAddress: NEVER_MET,
  connectionsPerAddress: NO_CAP,
  connectionsPerCredential: NO_CAP,
  connectionsTotal: NO_CAP,
};
