import { demoBranchConfig, newRequestId, type CustomerLanguage, type IssuedTicket, type JoinChallenge } from '@rinda/shared';
import { solveProof } from './solve-proof';
import { startBranch, type Branch } from './start-branch';

/** The demo branch with a join proof of work Node solves at once, and the address its kiosk opens. */
export async function startJoinBranch(): Promise<{ branch: Branch; kioskUrl: string }> {
  const branch = await startBranch({ config: { ...demoBranchConfig, remoteJoin: { ...demoBranchConfig.remoteJoin, proofOfWorkBits: 8 } } });
  return { branch, kioskUrl: `${branch.url}/kiosk/#token=${await branch.deviceToken('kiosk')}` };
}

let phones = 0;

/** A ticket taken from a phone over the public join API, as the join page takes it (a new device each time). */
export async function takeRemoteTicket(branch: Branch, options: { serviceId?: string; language?: CustomerLanguage } = {}): Promise<IssuedTicket> {
  // Told to wait (the phone routes' per-address limit: every test's phone is 127.0.0.1), it waits the reply's
  // retryAfterMs and asks again, so a spec's tickets do not depend on how fast the tests before it ran.
  const post = async (path: string, body: unknown): Promise<unknown> => {
    for (let attempt = 1; ; attempt++) {
      const reply = (await (await branch.http(path, { method: 'POST', body })).json()) as { error?: { code?: string; retryAfterMs?: number } };
      if (reply.error?.code !== 'RATE_LIMITED' || attempt === 3) return reply;
      await new Promise((resolve) => setTimeout(resolve, reply.error?.retryAfterMs ?? 1000));
    }
  };
  const challenge = (await post('/api/join/challenge', {})) as JoinChallenge;
  phones++;
  const issued = (await post('/api/join/tickets', {
    requestId: newRequestId(),
    deviceId: `phone-${String(phones).padStart(12, '0')}`,
    serviceId: options.serviceId ?? 'cash',
    language: options.language ?? 'en',
    priorityReasonId: null,
    challenge: challenge.challenge,
    nonce: solveProof(challenge.challenge, challenge.bits),
  })) as IssuedTicket;
  if (!issued.ticket) throw new Error(`the join API refused the ticket: ${JSON.stringify(issued)}`);
  return issued;
}
