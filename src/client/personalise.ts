/**
 * Lets readers enter their Cloudflare team name and domain once; every `<your-team>` and
 * `<your-domain>` placeholder in code on every page then shows their values. Stored in
 * localStorage; placeholders are marked at build time (src/markdown/rehype-placeholders.ts).
 */
export const STORAGE_KEY = 'barbican:placeholders';

export type Values = Partial<Record<'team' | 'domain', string>>;

/** Team names are DNS labels; domains are host names. Anything else is ignored. */
export function cleanValues(input: Record<string, unknown>): Values {
  const values: Values = {};
  const team = typeof input['team'] === 'string' ? input['team'].trim().toLowerCase() : '';
  const domain =
    typeof input['domain'] === 'string'
      ? input['domain']
          .trim()
          .toLowerCase()
          .replace(/^https?:\/\//, '')
          .replace(/\/.*$/, '')
      : '';
  if (/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(team)) values.team = team;
  if (/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(domain)) values.domain = domain;
  return values;
}

export function loadValues(storage: Storage = localStorage): Values {
  try {
    return cleanValues(JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>);
  } catch {
    return {};
  }
}

export function applyValues(values: Values, root: ParentNode = document): void {
  for (const span of root.querySelectorAll<HTMLElement>('.ph[data-placeholder]')) {
    const key = span.dataset['placeholder'] as keyof Values;
    const value = values[key];
    const text = value ?? span.dataset['default'] ?? '';
    // Writing the same text still dirties layout; on a first visit nothing changes at all.
    if (span.textContent !== text) span.textContent = text;
    span.classList.toggle('ph--filled', value !== undefined);
  }
}

export function enablePersonalise(form: HTMLFormElement | null, storage: Storage = localStorage): void {
  const current = loadValues(storage);
  applyValues(current);
  if (!form) return;
  for (const key of ['team', 'domain'] as const) {
    const input = form.elements.namedItem(key);
    if (input instanceof HTMLInputElement) input.value = current[key] ?? '';
  }
  const save = () => {
    const data = Object.fromEntries(new FormData(form)) as Record<string, unknown>;
    const values = cleanValues(data);
    storage.setItem(STORAGE_KEY, JSON.stringify(values));
    applyValues(values);
  };
  form.addEventListener('input', save);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });
  form.addEventListener('reset', () => {
    storage.removeItem(STORAGE_KEY);
    applyValues({});
  });
}
