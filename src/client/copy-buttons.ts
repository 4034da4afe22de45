/**
 * Makes the server-rendered copy buttons work: each copies the code beside it, as currently
 * shown (so personalised placeholders are copied with the reader's values).
 */
import { copyText } from './clipboard.ts';

function valueFor(button: HTMLElement): string {
  const holder = button.closest('.code-block, .copy-value');
  return holder?.querySelector('code')?.textContent ?? '';
}

export function enableCopyButtons(root: ParentNode = document): void {
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  document.body.append(status);
  document.documentElement.classList.add('copy-ready');
  root.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-copy]');
    if (!button) return;
    void copyText(valueFor(button)).then((ok) => {
      status.textContent = ok ? 'Copied to the clipboard' : 'Copy failed';
      button.dataset['copied'] = String(ok);
      setTimeout(() => delete button.dataset['copied'], 1500);
    });
  });
}
