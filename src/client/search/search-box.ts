/**
 * The search box: a modal `<dialog>` with a field and a list of result links in
 * `[data-search-results]`. Loaded on first use by search-loader.ts.
 *
 * Keyboard: the field has focus on open; ArrowDown/ArrowUp move through the field and the result
 * links; Enter on a link opens it (Enter in the field opens the first result); Escape closes and
 * the dialog returns focus to where it was.
 * https://developer.mozilla.org/en-US/docs/Web/HTML/Reference/Elements/dialog
 */
import css from './search-box.css?inline';
import { loadPagefind, searchEntries, type Pagefind } from './pagefind-client.ts';
import { renderEntries } from './search-results.ts';

function build(listHref: string) {
  const dialog = document.createElement('dialog');
  dialog.className = 'search-box';
  dialog.setAttribute('aria-label', 'Search the site');
  const form = document.createElement('form');
  form.setAttribute('role', 'search');
  const label = document.createElement('label');
  label.htmlFor = 'search-box-query';
  label.textContent = 'Search the site';
  const input = document.createElement('input');
  input.id = label.htmlFor;
  input.type = 'search';
  input.className = 'field';
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.enterKeyHint = 'go';
  const closeButton = document.createElement('button');
  closeButton.type = 'button';
  closeButton.className = 'button button--quiet';
  closeButton.textContent = 'Close';
  form.append(label, input, closeButton);
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  const results = document.createElement('div');
  results.dataset['searchResults'] = '';
  const fallback = document.createElement('a');
  fallback.href = listHref;
  fallback.textContent = 'the list of pages';
  dialog.append(form, status, results);
  document.body.append(dialog);
  return { dialog, form, input, closeButton, status, results, fallback };
}

export function createSearchBox(trigger: HTMLAnchorElement): { open(): void } {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  // Result links go to the site's origin: on a demo's own subdomain the button links there too.
  const base = new URL(trigger.href).origin;
  const { dialog, form, input, closeButton, status, results, fallback } = build(trigger.href);

  let pagefind: Promise<Pagefind> | undefined;
  let latest = 0;
  let current: Promise<void> = Promise.resolve();

  const links = () => [...results.querySelectorAll('a')];

  async function run(term: string): Promise<void> {
    const query = ++latest;
    if (!term.trim()) {
      results.replaceChildren();
      status.textContent = '';
      return;
    }
    try {
      pagefind ??= loadPagefind();
      const entries = await searchEntries(await pagefind, term, () => query === latest);
      if (!entries || query !== latest) return;
      results.replaceChildren(renderEntries(entries, base));
      status.textContent =
        entries.length === 0 ? `No results for “${term}”.` : `${entries.length} result${entries.length === 1 ? '' : 's'}.`;
    } catch {
      pagefind = undefined;
      if (query !== latest) return;
      results.replaceChildren();
      status.replaceChildren('Search could not load. Try again, or browse ', fallback, '.');
    }
  }

  input.addEventListener('input', () => {
    current = run(input.value);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void current.then(() => links()[0]?.click());
  });
  closeButton.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => {
    // A click on the backdrop lands on the dialog itself; a result link leaves the dialog.
    const target = event.target as Element;
    if (target === dialog || target.closest('a')) dialog.close();
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      dialog.close();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const stops: HTMLElement[] = [input, ...links()];
    const at = stops.indexOf(document.activeElement as HTMLElement);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    event.preventDefault();
    stops[(at + step + stops.length) % stops.length]?.focus();
  });

  return {
    open() {
      if (!dialog.open) dialog.showModal();
      input.focus();
      input.select();
      // Start fetching the index while the reader types.
      pagefind ??= loadPagefind();
      pagefind.catch(() => (pagefind = undefined));
    },
  };
}
