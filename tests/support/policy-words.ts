/**
 * The policy engine's results in words, as the page shows them: the real phrases
 * (components/inspector/PolicyWords.astro, rendered with Astro's Container API) filled by the
 * real code (src/inspector/policy-words.ts) in a happy-dom window, read back as one line of
 * text. Call `loadPolicyWords()` in `beforeAll`; the engine's tests then compare sentences
 * written out in them with these.
 */
import PolicyWords from '../../src/components/inspector/PolicyWords.astro';
import type { Evaluation } from '../../src/policy/evaluate.ts';
import type { JsonProblem } from '../../src/policy/json-documents.ts';
import type { Ignored, ReadDocuments } from '../../src/policy/read-documents.ts';
import type { Setting } from '../../src/policy/read-policies.ts';
import type { RuleResult } from '../../src/policy/reasons.ts';
import { phrasesOf, type Say } from '../../src/inspector/phrases.ts';
import { decisionWords, ignoredWords, problemWords, readWords, ruleWords, settingWords } from '../../src/inspector/policy-words.ts';
import { installDom, renderHtml } from './card-dom.ts';

let say: Say | undefined;

/** Renders the phrases into a window of their own (once per test file; returns nothing, as `beforeAll` takes a returned function for its teardown). */
export async function loadPolicyWords(): Promise<void> {
  const html = await renderHtml(PolicyWords);
  installDom('https://inspector.test/inspect/');
  const template = document.createElement('template');
  template.innerHTML = html;
  say = phrasesOf(template);
}

function words(): Say {
  if (!say) throw new Error('call loadPolicyWords() in beforeAll');
  return say;
}

export const describeRule = (result: RuleResult): string => ruleWords(words(), result);
export const describeDecision = (evaluation: Evaluation): string => decisionWords(words(), evaluation);
export const describeRead = (read: ReadDocuments): string => readWords(words(), read);
export const describeProblem = (problem: JsonProblem): string => problemWords(words(), problem);
export const describeIgnored = (ignored: Ignored): string => ignoredWords(words(), ignored);
export const describeSetting = (setting: Setting): string => settingWords(words(), setting);
