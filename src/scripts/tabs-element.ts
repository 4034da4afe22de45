/**
 * `<bi-tabs>`: turns server-rendered `.tab-panel` sections into an accessible tab list
 * (WAI-ARIA tabs pattern: arrow keys, Home/End, one tab stop).
 */
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement;
let counter = 0;

export class TabsElement extends Base {
  static define(tag = 'bi-tabs'): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  connectedCallback(): void {
    const panels = [...this.querySelectorAll<HTMLElement>(':scope > .tab-panel')];
    if (panels.length < 2 || this.querySelector(':scope > [role="tablist"]')) return;
    const list = document.createElement('div');
    list.setAttribute('role', 'tablist');
    list.className = 'tabs__list';
    const id = `tabs-${++counter}`;
    const tabs = panels.map((panel, index) => {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tab.id = `${id}-tab-${index}`;
      tab.textContent = panel.dataset['tabLabel'] ?? `Tab ${index + 1}`;
      panel.id = `${id}-panel-${index}`;
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', tab.id);
      panel.tabIndex = 0;
      tab.setAttribute('aria-controls', panel.id);
      tab.addEventListener('click', () => this.select(index));
      list.append(tab);
      return tab;
    });
    list.addEventListener('keydown', (event) => {
      const current = tabs.indexOf(document.activeElement as HTMLButtonElement);
      if (current < 0) return;
      const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      const index = (next + tabs.length) % tabs.length;
      this.select(index);
      tabs[index]?.focus();
    });
    this.prepend(list);
    this.classList.add('tabs--enhanced');
    this.select(0);
  }

  select(index: number): void {
    const tabs = this.querySelectorAll<HTMLElement>(':scope > [role="tablist"] > [role="tab"]');
    const panels = this.querySelectorAll<HTMLElement>(':scope > .tab-panel');
    tabs.forEach((tab, i) => {
      tab.setAttribute('aria-selected', String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
    });
    panels.forEach((panel, i) => (panel.hidden = i !== index));
  }
}
