import { describe, expect, it } from 'vitest';
import { buildRichSummary } from '../../test/helpers/reports/render-support.ts';
import { renderTerminal } from './render-terminal.ts';

const ANSI = /\x1b\[[0-9;]*m/;

describe('renderTerminal', () => {
  it('renders a plain table without colour', async () => {
    const text = renderTerminal(buildRichSummary(), { color: false });
    await expect(text).toMatchFileSnapshot('__snapshots__/terminal.txt');
    expect(text).not.toMatch(ANSI);
  });
});

describe('renderTerminal on a TTY', () => {
  it('colours a failed verdict red and a passed one green', async () => {
    const text = renderTerminal(buildRichSummary(), { color: true });
    await expect(text).toMatchFileSnapshot('__snapshots__/terminal-color.txt');
    expect(text).toMatch(/\x1b\[31mFAIL/);
    expect(text).toMatch(/\x1b\[32mpass/);
  });

  it('shows the abort reason for an aborted run', () => {
    const text = renderTerminal(buildRichSummary({ aborted: true }), { color: false });
    expect(text).toContain('ABORTED: target stopped answering');
    expect(text).toContain('exit code 3');
  });
});
