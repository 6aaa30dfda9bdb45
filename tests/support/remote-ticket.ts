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
  const post = async (path: string, body: unknown): Promise<unknown> => (await branch.http(path, { method: 'POST', body })).json();
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
