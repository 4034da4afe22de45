/**
 * Lets readers enter their Cloudflare team name, domain and account id once; every
 * `<your-team>`, `<your-domain>` and `<your-account-id>` placeholder in code on every page then
 * shows their values. Stored in localStorage; placeholders are marked at build time
 * (src/markdown/rehype-placeholders.ts, or by hand in a component's markup). A form may hold any
 * of the three fields (the guides' form has all, the inspector's only the account id): it saves
 * and clears its own, and keeps the others.
 */
export const STORAGE_KEY = 'barbican:placeholders';

const KEYS = ['team', 'domain', 'account'] as const;
export type Values = Partial<Record<(typeof KEYS)[number], string>>;

/**
 * Team names are DNS labels; domains are host names; account ids are 32 hexadecimal digits (as
 * the dashboard shows them). Anything else is ignored.
 */
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
  const account = typeof input['account'] === 'string' ? input['account'].trim().toLowerCase() : '';
  if (/^[0-9a-f]{32}$/.test(account)) values.account = account;
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
  const own = KEYS.filter((key) => {
    const input = form.elements.namedItem(key);
    if (input instanceof HTMLInputElement) input.value = current[key] ?? '';
    return input instanceof HTMLInputElement;
  });
  /** This form's fields (emptied when it is cleared) over what is stored for the others. */
  const save = (cleared = false) => {
    const data: Record<string, unknown> = { ...loadValues(storage) };
    for (const key of own) data[key] = cleared ? '' : new FormData(form).get(key);
    const values = cleanValues(data);
    storage.setItem(STORAGE_KEY, JSON.stringify(values));
    applyValues(values);
  };
  form.addEventListener('input', () => save());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });
  form.addEventListener('reset', () => save(true));
}
