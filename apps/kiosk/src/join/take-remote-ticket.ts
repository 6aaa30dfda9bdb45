import { JoinChallengeRoute, JoinTicketRoute, newRequestId, type CustomerLanguage, type IssuedTicket } from '@rinda/shared';
import { callRoute, type ApiResult } from '@rinda/shared/ui/http';
import { solveProof } from './solve-proof';

export interface RemoteChoice {
  serviceId: string;
  language: CustomerLanguage;
  priorityReasonId: string | null;
}

/** A challenge from the branch, solved on this phone, then the ticket: the refusal of whichever step refused. */
export async function takeRemoteTicket(choice: RemoteChoice, deviceId: string, signal?: AbortSignal): Promise<ApiResult<IssuedTicket>> {
  const challenge = await callRoute(JoinChallengeRoute, { signal });
  if (!challenge.ok) return challenge;
  const nonce = await solveProof(challenge.data.challenge, challenge.data.bits, signal);
  return callRoute(JoinTicketRoute, {
    body: { requestId: newRequestId(), deviceId, ...choice, challenge: challenge.data.challenge, nonce },
    signal,
  });
}
