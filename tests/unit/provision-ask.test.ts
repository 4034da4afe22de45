/**
 * The confirmation prompt at a terminal: only "y" or "yes" goes on; Ctrl+C, Ctrl+D and a closed
 * input are a no, never an error. A terminal-mode readline on a stream reads the same control
 * characters a real terminal sends.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ask } from '../../scripts/provision/ask.ts';

function asked(send: (input: PassThrough) => void, terminal = true): Promise<boolean> {
  const input = new PassThrough();
  const answer = ask('Apply these changes? ', { input, output: new PassThrough(), terminal });
  send(input);
  return answer;
}

describe('ask', () => {
  it.each([
    ['yes', true],
    ['Y', true],
    [' yes ', true],
    ['no', false],
    ['', false],
    ['yess', false],
  ])('answer %j: %s', async (typed, expected) => {
    expect(await asked((input) => input.write(`${typed}\n`))).toBe(expected);
  });

  it.each([
    ['Ctrl+C', '\x03'],
    ['Ctrl+D', '\x04'],
  ])('%s at the prompt is a no', async (_key, sent) => {
    expect(await asked((input) => input.write(sent))).toBe(false);
  });

  it('an input that ends before an answer is a no', async () => {
    expect(await asked((input) => input.end(), false)).toBe(false);
  });
});
