import { describe, expect, it } from 'vitest';
import { assertTargetAllowed, assertUrlAllowed, isLoopbackAddress, isLoopbackHost, type ResolveHost } from './index.ts';

const hosts: Record<string, string[]> = {
  'bot.localhost': ['10.0.0.7'],
  'split.localhost': ['127.0.0.1', '203.0.113.9'],
  'good.localhost': ['127.0.0.1', '::1'],
  'mapped.test': ['::ffff:127.0.0.1'],
  'empty.test': [],
};
const fakeResolve: ResolveHost = async (host) => {
  const found = hosts[host];
  if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
  return found;
};

describe('loopback guard after name resolution', () => {
  it('refuses a *.localhost name that resolves outside loopback, naming the address and the flag', async () => {
    await expect(assertUrlAllowed('http://bot.localhost:3000', [], { resolve: fakeResolve })).rejects.toThrow(
      /resolves to 10\.0\.0\.7.*--allow-host bot\.localhost/,
    );
  });

  it('refuses a name with one address outside loopback among loopback ones', async () => {
    await expect(assertUrlAllowed('http://split.localhost', [], { resolve: fakeResolve })).rejects.toThrow(
      /203\.0\.113\.9/,
    );
  });

  it('accepts names resolving to loopback only, and allowlisted hosts without resolving them', async () => {
    expect((await assertUrlAllowed('http://good.localhost:1', [], { resolve: fakeResolve })).port).toBe('1');
    expect((await assertUrlAllowed('http://mapped.test:1', [], { resolve: fakeResolve })).hostname).toBe('mapped.test');
    expect((await assertUrlAllowed('http://bot.localhost', ['bot.localhost'], { resolve: fakeResolve })).hostname).toBe(
      'bot.localhost',
    );
  });

  it('resolves localhost with the OS resolver to loopback', async () => {
    expect((await assertUrlAllowed('http://localhost:9', [])).hostname).toBe('localhost');
  });

  it('refuses a name that does not resolve or has no address, as a usage error', async () => {
    await expect(assertUrlAllowed('http://nowhere.test', [], { resolve: fakeResolve })).rejects.toThrow(
      /does not resolve \(ENOTFOUND\)/,
    );
    await expect(assertUrlAllowed('http://empty.test', [], { resolve: fakeResolve })).rejects.toThrow(/no address/);
    const error = await assertUrlAllowed('http://nowhere.test', [], { resolve: fakeResolve }).catch((e: unknown) => e);
    expect((error as { exitCode?: number }).exitCode).toBe(2);
  });

  it('refuses tricky non-loopback literals without asking the resolver', async () => {
    const never: ResolveHost = async () => {
      throw new Error('must not resolve an IP literal');
    };
    for (const url of [
      'http://0.0.0.0',
      'http://[::]',
      'http://[::ffff:10.0.0.1]',
      'http://10.0.0.1',
      'http://0x0a000001',
      'http://[fe80::1]',
      'http://128.0.0.1',
    ]) {
      await expect(assertUrlAllowed(url, [], { resolve: never }), url).rejects.toThrow(/not a loopback address/);
    }
    for (const url of [
      'http://2130706433',
      'http://0x7f.1',
      'http://[::ffff:127.0.0.1]',
      'http://127.255.255.254',
      'http://[0:0:0:0:0:0:0:1]',
    ]) {
      expect((await assertUrlAllowed(url, [], { resolve: never })).protocol, url).toBe('http:');
    }
  });

  it('checks Redis URLs with their own schemes', async () => {
    await expect(
      assertUrlAllowed('redis://:pw@10.1.2.3:6379', [], { what: 'Redis', protocols: ['redis:', 'rediss:'] }),
    ).rejects.toThrow(/Redis host "10\.1\.2\.3"/);
    await expect(assertUrlAllowed('redis://127.0.0.1:6379', [])).rejects.toThrow(/only http and https/);
    expect((await assertUrlAllowed('rediss://127.0.0.1:6380', [], { protocols: ['redis:', 'rediss:'] })).port).toBe(
      '6380',
    );
  });
});

describe('loopback literals (no resolution)', () => {
  it('trusts loopback IP literals and exactly "localhost", not other *.localhost names', () => {
    for (const host of ['127.0.0.1', '[::1]', 'localhost', '::ffff:7f00:1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['bot.localhost', 'localhost.evil.com', '::ffff:a00:1'])
      expect(isLoopbackHost(host), host).toBe(false);
    expect(isLoopbackAddress('::ffff:127.1.2.3')).toBe(true);
    expect(() => assertTargetAllowed('http://evil.localhost', [])).toThrow(/--allow-host evil\.localhost/);
  });
});

describe('guard messages', () => {
  it('never repeat the credentials of a URL', async () => {
    const messages = await Promise.all(
      ['redis://:hunter2@198.51.100.1:6379', 'ftp://u:hunter2@127.0.0.1', 'http://u:hunter2@nowhere.test'].map((url) =>
        assertUrlAllowed(url, [], {
          protocols: ['redis:', 'http:'],
          resolve: async () => Promise.reject(new Error('x')),
        }).then(
          () => '',
          (e: Error) => e.message,
        ),
      ),
    );
    expect(messages.every((m) => m.startsWith('Could not') && !m.includes('hunter2'))).toBe(true);
  });
});
