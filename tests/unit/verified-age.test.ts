import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { daysSince, MAX_VERIFIED_AGE_DAYS, staleWarning } from '../../src/content-age/verified-age.ts';
import { stalePages } from '../../src/content-age/stale-pages-warning.ts';
import { verifiedSchema } from '../../src/schemas/verified.ts';

// A fixed clock: the rule is about the calendar, so every case names its own "now".
const NOW = new Date('2027-06-01T09:30:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('the age of a verified date', () => {
  it('counts whole days', () => {
    expect(daysSince(day('2027-05-31'), NOW)).toBe(1);
    expect(daysSince(day('2027-06-01'), NOW)).toBe(0);
    expect(daysSince(day('2027-06-02'), NOW)).toBe(-1);
  });

  it(`warns only past ${MAX_VERIFIED_AGE_DAYS} days`, () => {
    const limit = new Date(NOW.getTime() - MAX_VERIFIED_AGE_DAYS * 86_400_000);
    expect(staleWarning('a.mdx', limit, NOW)).toBeUndefined();
    const older = new Date(limit.getTime() - 86_400_000);
    expect(staleWarning('a.mdx', older, NOW)).toMatch(/^a\.mdx: verified \d{4}-\d{2}-\d{2}, 181 days ago \(more than 180\)/);
  });

  it('does not warn about a future date (the schema and review catch typos, not this rule)', () => {
    expect(staleWarning('a.mdx', day('2030-01-01'), NOW)).toBeUndefined();
  });
});

describe('the verified field', () => {
  it.each([[day('2026-11-30')], ['2026-11-30']])('accepts %j as a day', (value) => {
    expect(verifiedSchema.parse(value).toISOString()).toBe('2026-11-30T00:00:00.000Z');
  });

  it.each([['yesterday'], ['30/11/2026'], ['2026-11-30T10:00'], [20261130], [null]])('refuses %j, saying how to write it', (value) => {
    const result = verifiedSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join()).toContain('YYYY-MM-DD');
  });
});

describe('stale pages in a content folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'verified-age-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'content/demos'), { recursive: true });
  mkdirSync(join(root, 'content/guides'), { recursive: true });
  writeFileSync(join(root, 'content/demos/fresh.mdx'), '---\ntitle: Fresh\nverified: 2027-05-01\n---\n\nText.\n');
  writeFileSync(join(root, 'content/guides/old.mdx'), '---\ntitle: Old\nverified: "2026-01-15"\n---\n\nText.\n');
  writeFileSync(join(root, 'content/guides/undated.mdx'), '---\ntitle: Undated\n---\n\nText.\n');

  it('names each page older than the limit, and only those', () => {
    expect(stalePages(root, NOW)).toEqual([expect.stringMatching(/^content\/guides\/old\.mdx: verified 2026-01-15, 502 days ago/)]);
  });

  it('names none when the clock is earlier', () => {
    expect(stalePages(root, day('2026-02-01'))).toEqual([]);
  });
});
