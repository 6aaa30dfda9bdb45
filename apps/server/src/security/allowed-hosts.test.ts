import { describe, expect, it } from 'vitest';
import { AllowedHostsList, createHostPolicy, hostOfHeader, ownMachineNames } from './allowed-hosts';

describe('hostOfHeader', () => {
  it.each([
    ['branch.example:8443', 'branch.example'],
    ['Branch.Example', 'branch.example'],
    ['branch.example.:8443', 'branch.example'],
    ['10.0.0.5:8080', '10.0.0.5'],
    ['[::1]:8443', '::1'],
    ['[FE80::1]', 'fe80::1'],
  ])('reads %s as %s', (header, host) => {
    expect(hostOfHeader(header)).toBe(host);
  });

  it.each([undefined, '', 'evil.example/path', 'user@branch.example', 'branch.example:port', '[::1', 'a b'])('finds no host in %s', (header) => {
    expect(hostOfHeader(header)).toBeNull();
  });
});

describe('the Host allow-list', () => {
  const machine = () => ['localhost', '127.0.0.1', '::1', 'branch-pc', '10.0.0.5'];

  it('by default answers to the machine’s own names and addresses, and to nothing else', () => {
    const policy = createHostPolicy({ machineNames: machine });
    for (const host of ['localhost:8443', '127.0.0.1:8443', '[::1]:8443', 'BRANCH-PC:8443', '10.0.0.5']) expect(policy.allows(host), host).toBe(true);
    for (const host of ['evil.example', 'evil.example:8443', '10.0.0.6:8443', 'branch-pc.evil.example', undefined]) expect(policy.allows(host), String(host)).toBe(false);
  });

  it('answers only to the configured names when "auto" is not among them', () => {
    const policy = createHostPolicy({ entries: ['branch.example'], machineNames: machine });
    expect(policy.allows('branch.example:8443')).toBe(true);
    expect(policy.allows('127.0.0.1:8443')).toBe(false);
    expect(createHostPolicy({ entries: ['auto', 'branch.example'], machineNames: machine }).allows('127.0.0.1:8443')).toBe(true);
  });

  it('follows the branch’s publicUrl as a manager changes it', () => {
    let publicUrl: string | undefined = 'https://queue.bank.example/branch';
    const policy = createHostPolicy({ machineNames: machine, publicUrl: () => publicUrl });
    expect(policy.allows('queue.bank.example')).toBe(true);
    publicUrl = 'https://other.bank.example';
    expect(policy.allows('queue.bank.example')).toBe(false);
    expect(policy.allows('other.bank.example:443')).toBe(true);
  });

  it('learns an address the machine gained (a new DHCP lease), reading the interfaces at most once per 10 s', () => {
    let now = 0;
    let reads = 0;
    const names = ['127.0.0.1'];
    const policy = createHostPolicy({
      clock: () => now,
      machineNames: () => {
        reads++;
        return [...names];
      },
    });
    names.push('10.0.0.9');
    for (let i = 0; i < 100; i++) expect(policy.allows('10.0.0.9')).toBe(false);
    expect(reads).toBe(1);
    now += 10_000;
    expect(policy.allows('10.0.0.9')).toBe(true);
    expect(reads).toBe(2);
  });

  it('reads the machine’s own names from its interfaces, loopback included', () => {
    const names = ownMachineNames();
    expect(names).toEqual(expect.arrayContaining(['localhost', '127.0.0.1', '::1']));
    expect(names.every((n) => !n.includes('%'))).toBe(true);
  });
});

describe('AllowedHostsList (--allowed-hosts, RINDA_ALLOWED_HOSTS)', () => {
  it('reads names, addresses and "auto", normalised', () => {
    expect(AllowedHostsList.parse(' auto, Branch.Example. ,10.0.0.5,[::1]')).toEqual(['auto', 'branch.example', '10.0.0.5', '::1']);
  });

  it.each(['', ' , ', 'https://branch.example', 'branch.example:8443', 'bad host', 'branch.example/path'])('refuses %j with a clear message', (value) => {
    const parsed = AllowedHostsList.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/host|at least one/);
  });
});
