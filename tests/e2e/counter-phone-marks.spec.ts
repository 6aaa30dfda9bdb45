// What a teller sees of the phone features: a customer who joined from a phone, whether they said "I'm here",
// and a customer who stepped back. Real branch, real counter page in Chromium, real sockets and HTTP.
import { expect, test } from '@playwright/test';
import { demoBranchConfig, newRequestId, type IssuedTicket, type JoinChallenge } from '@rinda/shared';
import { startBranch } from '../support/start-branch';
import { CounterPage } from './counter-page';
import { solveProof } from '../support/solve-proof';

const ANNA = { username: 'anna', password: 'anna-password', name: 'Anna Bērziņa' };


test('the counter marks a remote customer not yet confirmed, and one who stepped back', async ({ browser }) => {
  const branch = await startBranch({ features: [], config: { ...demoBranchConfig, remoteJoin: { ...demoBranchConfig.remoteJoin, proofOfWorkBits: 6 } } });
  let anna: CounterPage | undefined;
  try {
    await branch.createUser(ANNA.username, ANNA.password, 'teller', ANNA.name);
    const challenge = (await (await branch.http('/api/join/challenge', { method: 'POST', body: {} })).json()) as JoinChallenge;
    const joined = await branch.http('/api/join/tickets', {
      body: { requestId: newRequestId(), deviceId: 'phone-000000000001', serviceId: 'cash', language: 'en', challenge: challenge.challenge, nonce: solveProof(challenge.challenge, challenge.bits) },
    });
    const remote = (await joined.json()) as IssuedTicket;
    const kiosk = await branch.connect({ token: await branch.deviceToken('kiosk') });
    const second = await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    await branch.request(kiosk, 'ticket:issue', { requestId: newRequestId(), serviceId: 'cash', language: 'en' });
    if (!second.ok) throw new Error(second.error.message);
    const phone = await branch.connect({ ticketId: second.data.ticket.id });
    expect((await branch.request(phone, 'ticket:stepBack', { requestId: newRequestId() })).ok).toBe(true);

    anna = await CounterPage.open(browser, branch.url, ANNA, 'Counter 2');
    await anna.action('callNext').click();
    await expect(anna.page.getByTestId('current-number')).toHaveText(remote.ticket.displayNumber);
    await expect(anna.page.getByTestId('current-marks')).toHaveText('joined from a phone · has not said “I’m here”');
    await anna.action('finish').click();
    await anna.action('callNext').click();
    await anna.action('finish').click();
    await anna.action('callNext').click();
    await expect(anna.page.getByTestId('current-number')).toHaveText(second.data.ticket.displayNumber);
    await expect(anna.page.getByTestId('current-marks')).toHaveText('stepped back');
  } finally {
    await anna?.close();
    await branch.stop();
  }
});
