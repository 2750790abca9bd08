import { describe, expect, it } from 'vitest';
import { renderDashboardPage } from './dashboard-page.ts';

describe('dashboard page', () => {
  const page = renderDashboardPage('wa-loadtest run <r1> (demo)');

  it('is self-contained: no external script, style, image or font', () => {
    expect(page).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(page).not.toMatch(/@import|url\(/);
  });

  it('has both charts, every tile with its live and final label, and the title escaped', () => {
    expect(page).toContain('<svg id="rate-chart"');
    expect(page).toContain('<svg id="latency-chart"');
    for (const id of ['rate', 'sent', 'errors', 'ack', 'reply', 'phase', 'faults', 'dropped', 'lost'])
      expect(page).toContain(`<div class="card" id="${id}">`);
    expect(page).toContain('data-final="lost (final)"');
    expect(page).toContain('wa-loadtest run &#60;r1&#62; (demo)');
  });
});
