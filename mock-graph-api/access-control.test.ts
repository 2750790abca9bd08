import { describe, expect, it } from 'vitest';
import { UserError } from '../common/node/index.ts';
import { createTokenCheck, tokenMatches } from '../common/node/index.ts';
import { bearerToken, resolveMockAccess } from './access-control.ts';

const ADMIN = 'a'.repeat(24);
const noFiles = (path: string): string => {
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
};
const files =
  (contents: Record<string, string>) =>
  (path: string): string =>
    contents[path] ?? noFiles(path);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('the mock on loopback', () => {
  it('starts open, as before, when no token is set', () => {
    expect(resolveMockAccess({ host: '127.0.0.1', env: {}, readFile: noFiles })).toEqual({});
    expect(resolveMockAccess({ host: 'localhost', env: {}, readFile: noFiles })).toEqual({});
  });

  it('still honours tokens the user sets, even a short admin token', () => {
    const env = { WA_MOCK_ADMIN_TOKEN: 'short', WA_MOCK_ACCESS_TOKENS: 'EAAG-1, EAAG-2' };
    expect(resolveMockAccess({ host: '::1', env, readFile: noFiles })).toEqual({
      adminToken: 'short',
      accessTokens: ['EAAG-1', 'EAAG-2'],
    });
  });
});

describe('the mock bound off loopback', () => {
  it('refuses to start without an admin token, naming the variable and the way out', () => {
    const message = refusal(() =>
      resolveMockAccess({ host: '0.0.0.0', env: { WA_MOCK_ACCESS_TOKENS: 'EAAG-1' }, readFile: noFiles }),
    );
    expect(message).toContain('WA_MOCK_ADMIN_TOKEN');
    expect(message).toContain('bind 127.0.0.1');
  });

  it('refuses a guessable admin token of under 16 characters', () => {
    const env = { WA_MOCK_ADMIN_TOKEN: 'letmein', WA_MOCK_ACCESS_TOKENS: 'EAAG-1' };
    expect(refusal(() => resolveMockAccess({ host: '10.0.0.7', env, readFile: noFiles }))).toContain('16 or more');
  });

  it('refuses to start without the accepted access tokens', () => {
    const env = { WA_MOCK_ADMIN_TOKEN: ADMIN };
    expect(refusal(() => resolveMockAccess({ host: '10.0.0.7', env, readFile: noFiles }))).toContain(
      'WA_MOCK_ACCESS_TOKENS',
    );
  });

  it('reads both tokens from mounted Secret files, trimmed', () => {
    const env = { WA_MOCK_ADMIN_TOKEN_FILE: '/s/admin', WA_MOCK_ACCESS_TOKENS_FILE: '/s/access' };
    const readFile = files({ '/s/admin': `${ADMIN}\n`, '/s/access': 'EAAG-1\nEAAG-2\n' });
    expect(resolveMockAccess({ host: '0.0.0.0', env, readFile })).toEqual({
      adminToken: ADMIN,
      accessTokens: ['EAAG-1', 'EAAG-2'],
    });
  });

  it('names an unreadable or empty token file, and both forms set at once', () => {
    const base = { WA_MOCK_ACCESS_TOKENS: 'EAAG-1' };
    expect(
      refusal(() =>
        resolveMockAccess({ host: '0.0.0.0', env: { ...base, WA_MOCK_ADMIN_TOKEN_FILE: '/nope' }, readFile: noFiles }),
      ),
    ).toMatch(/WA_MOCK_ADMIN_TOKEN_FILE \/nope: ENOENT/);
    expect(
      refusal(() =>
        resolveMockAccess({
          host: '0.0.0.0',
          env: { ...base, WA_MOCK_ADMIN_TOKEN_FILE: '/empty' },
          readFile: files({ '/empty': ' \n' }),
        }),
      ),
    ).toContain('the file is empty');
    expect(
      refusal(() =>
        resolveMockAccess({
          host: '0.0.0.0',
          env: { ...base, WA_MOCK_ADMIN_TOKEN: ADMIN, WA_MOCK_ADMIN_TOKEN_FILE: '/s' },
          readFile: noFiles,
        }),
      ),
    ).toContain('both WA_MOCK_ADMIN_TOKEN and WA_MOCK_ADMIN_TOKEN_FILE');
  });

  it('never echoes a token in its messages', () => {
    const secret = 'sekrit-but-short';
    const message = refusal(() =>
      resolveMockAccess({ host: '0.0.0.0', env: { WA_MOCK_ADMIN_TOKEN: secret.slice(0, 9) }, readFile: noFiles }),
    );
    expect(message).not.toContain(secret.slice(0, 9));
  });
});

describe('token comparison', () => {
  it('matches equal tokens only, whatever their lengths', () => {
    expect(tokenMatches(ADMIN, ADMIN)).toBe(true);
    expect(tokenMatches(ADMIN, ADMIN + 'x')).toBe(false);
    expect(tokenMatches('', ADMIN)).toBe(false);
    const accepts = createTokenCheck(['EAAG-1', 'EAAG-2']);
    expect(accepts('EAAG-2')).toBe(true);
    expect(accepts('EAAG-3')).toBe(false);
  });

  it('reads the token of a Bearer header, any case of the scheme, and nothing else', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
