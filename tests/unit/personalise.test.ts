// @vitest-environment happy-dom
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import { beforeEach, describe, expect, it } from 'vitest';
import { rehypePlaceholders } from '../../src/markdown/rehype-placeholders.ts';
import { STORAGE_KEY, applyValues, cleanValues, enablePersonalise, loadValues } from '../../src/client/personalise.ts';

function codeTree(text: string): Root {
  return { type: 'root', children: [{ type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: text }] }] };
}

describe('rehypePlaceholders', () => {
  it('marks every placeholder in code, keeping the text readable', () => {
    const tree = codeTree('https://<your-team>.cloudflareaccess.com and <your-domain>/scim-a/* and <your-team>');
    rehypePlaceholders()(tree);
    const html = toHtml(tree);
    expect(html.match(/data-placeholder="team"/g)).toHaveLength(2);
    expect(html.match(/data-placeholder="domain"/g)).toHaveLength(1);
    expect(html).toContain(
      'https://<span class="ph" data-placeholder="team" data-default="<your-team>">&#x3C;your-team></span>.cloudflareaccess.com',
    );
  });

  it('leaves other angle-bracket values and prose alone', () => {
    const tree: Root = {
      type: 'root',
      children: [{ type: 'text', value: 'text <your-team>' }, ...codeTree('<identity-provider-id>').children],
    };
    rehypePlaceholders()(tree);
    expect(toHtml(tree)).not.toContain('data-placeholder');
  });
});

describe('personalised values', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = `
      <form data-personalise><input name="team"><input name="domain"></form>
      <code>https://<span class="ph" data-placeholder="team" data-default="<your-team>">&lt;your-team&gt;</span>.cloudflareaccess.com</code>
      <code><span class="ph" data-placeholder="domain" data-default="<your-domain>">&lt;your-domain&gt;</span>/scim-a/*</code>`;
  });

  it('accepts only a DNS-label team name and a host name', () => {
    expect(cleanValues({ team: ' Barbican ', domain: 'https://Example.co.uk/path' })).toEqual({
      team: 'barbican',
      domain: 'example.co.uk',
    });
    expect(cleanValues({ team: '<script>', domain: 'not a domain' })).toEqual({});
    expect(cleanValues({ team: 'a'.repeat(64) })).toEqual({});
  });

  it('fills every placeholder, as text, and restores the defaults when cleared', () => {
    applyValues({ team: 'barbican', domain: 'example.com' });
    expect(document.body.textContent).toContain('https://barbican.cloudflareaccess.com');
    expect(document.body.textContent).toContain('example.com/scim-a/*');
    applyValues({});
    expect(document.body.textContent).toContain('https://<your-team>.cloudflareaccess.com');
  });

  it('saves what the reader types, and applies it again on the next page load', () => {
    const form = document.querySelector('form') as HTMLFormElement;
    enablePersonalise(form);
    const team = form.elements.namedItem('team') as HTMLInputElement;
    team.value = 'barbican';
    form.dispatchEvent(new Event('input', { bubbles: true }));
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}')).toEqual({ team: 'barbican' });
    expect(loadValues()).toEqual({ team: 'barbican' });
    document.querySelectorAll('.ph').forEach((ph) => (ph.textContent = (ph as HTMLElement).dataset['default'] ?? ''));
    enablePersonalise(form);
    expect(document.body.textContent).toContain('https://barbican.cloudflareaccess.com');
    expect(team.value).toBe('barbican');
  });

  it('ignores a corrupted stored value', () => {
    localStorage.setItem(STORAGE_KEY, '{not json');
    expect(loadValues()).toEqual({});
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ team: '"><img src=x>' }));
    expect(loadValues()).toEqual({});
  });
});
