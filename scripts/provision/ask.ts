/**
 * The yes/no question apply and destroy ask at a terminal. Only "y" or "yes" goes on; Ctrl+C and
 * Ctrl+D (readline rejects the question with an AbortError) and an input that closes are a no,
 * so that stopping at the prompt reads as declining, not as a failure.
 */
import { createInterface } from 'node:readline/promises';

export async function ask(
  question: string,
  {
    input = process.stdin,
    output = process.stderr,
    terminal,
  }: { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream; terminal?: boolean } = {},
): Promise<boolean> {
  const prompt = createInterface({ input, output, ...(terminal === undefined ? {} : { terminal }) });
  const closed = new Promise<string>((resolve) => prompt.once('close', () => resolve('')));
  try {
    const answer = prompt.question(question).catch(() => '');
    return /^y(es)?$/i.test((await Promise.race([answer, closed])).trim());
  } finally {
    prompt.close();
  }
}
