/**
 * Why the gate could not get usable signing keys. Raised where the certs endpoint is read
 * (access-keys.ts, `certsReader`), so the cause is named where it is known, not
 * guessed afterwards from an error's class. It is the site's fault, not the visitor's: 503.
 */
export class KeysUnavailable extends Error {
  override readonly name = 'KeysUnavailable';
  constructor(
    /** Says what went wrong, for the log line: "the certs endpoint answered 500". */
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(`the Access signing keys could not be loaded: ${detail}`, options);
  }
}
