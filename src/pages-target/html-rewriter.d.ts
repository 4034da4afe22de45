/**
 * The part of the Workers runtime's HTMLRewriter the Pages worker uses
 * (https://developers.cloudflare.com/workers/runtime-apis/html-rewriter/). Declared here because
 * `Env` is generated without the runtime types, whose globals clash with the DOM's.
 */
interface RewriterElement {
  readonly attributes: IterableIterator<[string, string]>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): RewriterElement;
  after(content: string, options?: { html?: boolean }): RewriterElement;
}

declare class HTMLRewriter {
  on(selector: string, handlers: { element?(element: RewriterElement): void | Promise<void> }): HTMLRewriter;
  transform(response: Response): Response;
}
