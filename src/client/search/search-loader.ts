/**
 * What every page loads for search (budget: 600 B gzipped): it waits for the search button or
 * the `/` key, and only then loads the search box and, through it, the index. Until a reader
 * searches, search costs nothing else.
 */
import boxUrl from './search-box.ts?chunk-url';

type SearchBox = { open(): void };
let box: Promise<SearchBox> | undefined;

function openSearch(link: HTMLAnchorElement): void {
  // By URL (src/search/vite-chunk-url.ts): a plain import() would bring Vite's preload helper.
  box ??= import(/* @vite-ignore */ boxUrl).then((module: typeof import('./search-box.ts')) => module.createSearchBox(link));
  // If the box cannot load (offline with nothing cached, say), the link still leads to /search/.
  box.then(
    (search) => search.open(),
    () => location.assign(link.href),
  );
}

const searchLink = (): HTMLAnchorElement | null => document.querySelector('a[data-search-open]');

document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest?.<HTMLAnchorElement>('a[data-search-open]');
  // A modified click (new tab, new window) keeps the link's own behaviour.
  if (!link || event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  openSearch(link);
});

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  // `/` is a character while typing: in a field, or in editable content, it is left alone.
  if (event.key !== '/' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (target.isContentEditable || /^(?:INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
  const link = searchLink();
  if (!link) return;
  event.preventDefault();
  openSearch(link);
});
