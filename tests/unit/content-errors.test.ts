/**
 * A wrong frontmatter field must fail the build naming the file and the field. This runs the real
 * `astro sync` (the content validation step of every build) on a copy of the project with one
 * demo broken at a time. A demo slug that is also a guide's name passes the schema but fails the
 * build (both would be /guides/<name>/): that case runs the real `astro build`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
let project = '';
let original = '';

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'barbican-content-'));
  for (const entry of ['src', 'scripts', 'content', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(root, entry), join(project, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
  original = readFileSync(join(project, 'content/demos/scim-a.mdx'), 'utf8');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

function astro(command: 'sync' | 'build') {
  // Not under VITEST: astro.config.mjs would drop the adapter, which the on-demand pages need.
  const { VITEST: _vitest, ...env } = process.env;
  const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), command], {
    cwd: project,
    encoding: 'utf8',
    env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

function syncWith(frontmatterEdit: (source: string) => string) {
  writeFileSync(join(project, 'content/demos/scim-a.mdx'), frontmatterEdit(original));
  return astro('sync');
}

describe('demo frontmatter errors fail the build with file and field', () => {
  // The wiring, on two kinds of fault (a wrong value, a field the schema lacks): every way a field
  // can be wrong is a case of tests/unit/demo-schema.test.ts, against the same schema.
  it.each([
    ['an unknown protocol', (s: string) => s.replace('protocol: SCIM', 'protocol: LDAP'), 'protocol'],
    ['an unknown field', (s: string) => s.replace('order: 30', 'order: 30\ncolour: red'), 'colour'],
  ])(
    '%s',
    (_name, edit, field) => {
      const { status, output } = syncWith(edit);
      expect(status).not.toBe(0);
      expect(output).toContain('content/demos/scim-a.mdx');
      expect(output).toMatch(new RegExp(`\\b${field}\\b`));
      expect(output).toContain('does not match collection schema');
    },
    60_000,
  );

  it('passes with the file as committed', () => {
    const { status, output } = syncWith((s) => s);
    expect(output).not.toContain('does not match collection schema');
    expect(status).toBe(0);
  }, 60_000);
});

describe('a demo slug that is also a guide’s name', () => {
  it('fails the build, naming both files and the route they would share', () => {
    writeFileSync(join(project, 'content/demos/scim-a.mdx'), original);
    const guide = join(project, 'content/guides/scim-a.mdx');
    writeFileSync(guide, '---\ntitle: Clash\ndescription: A guide named like a demo.\norder: 99\nverified: 2026-11-30\n---\n\nText.\n');
    try {
      const { status, output } = astro('build');
      expect(status).not.toBe(0);
      expect(output).toContain('Demo content/demos/scim-a.mdx has the slug "scim-a", which is also the guide content/guides/scim-a.mdx');
      expect(output).toContain('/guides/scim-a/');
    } finally {
      unlinkSync(guide);
    }
  }, 120_000);
});
