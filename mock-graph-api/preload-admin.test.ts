import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAdminUrl, ownsUrlFile, parseAdminPort } from './preload-admin.ts';

describe('parseAdminPort', () => {
  it('reads an unset or empty WA_MOCK_ADMIN_PORT as no admin port, and 0 as any free port', () => {
    expect(parseAdminPort(undefined)).toBeUndefined();
    expect(parseAdminPort('')).toBeUndefined();
    expect(parseAdminPort('0')).toBe(0);
    expect(parseAdminPort('8089')).toBe(8089);
  });

  it.each(['-1', '65536', '1e3', ' 80', '80.5', 'http://127.0.0.1:80'])(
    'refuses %j, naming the variable and the range',
    (text) => {
      expect(() => parseAdminPort(text)).toThrow(
        /^Could not read WA_MOCK_ADMIN_PORT ".*": it must be a port number from 0 to 65535 \(0 = any free port\)/,
      );
    },
  );
});

describe('describeAdminUrl', () => {
  it('is one JSON line with the event, the URL and the profile, like the mock CLI prints', () => {
    expect(JSON.parse(describeAdminUrl('http://127.0.0.1:4000', 'mild'))).toEqual({
      event: 'mock-admin-listening',
      url: 'http://127.0.0.1:4000',
      profile: 'mild',
    });
  });
});

describe('ownsUrlFile', () => {
  it("is true only while the file names this process's URL (a later process rewrote it, or it is gone: false)", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wa-owns-')), 'mock-admin-url');
    expect(ownsUrlFile(file, 'http://127.0.0.1:4000')).toBe(false);
    writeFileSync(file, 'http://127.0.0.1:4000\n');
    expect(ownsUrlFile(file, 'http://127.0.0.1:4000')).toBe(true);
    writeFileSync(file, 'http://127.0.0.1:4001\n');
    expect(ownsUrlFile(file, 'http://127.0.0.1:4000')).toBe(false);
  });
});
