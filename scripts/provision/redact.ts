/**
 * Every secret the tool handles (the API tokens, the client secret Graph issues, the SCIM secret
 * Cloudflare issues) is registered here the moment it is known, and every line the tool prints
 * passes through redact(): a secret that reached a message by accident (an API's error text, a
 * bug) is printed as [redacted], never as itself. Secrets are never written to a file.
 */
export class Secrets {
  readonly #values = new Set<string>();

  add(value: string | null | undefined): void {
    // Very short values would blank out ordinary words; no real secret is this short.
    if (value && value.length >= 8) this.#values.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const value of this.#values) out = out.split(value).join('[redacted]');
    return out;
  }
}
