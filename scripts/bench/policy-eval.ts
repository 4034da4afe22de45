/**
 * How long the policy engine (src/policy/) takes for 50 policies of 20 rules each, in Node:
 * reading the pasted JSON, and evaluating it against an identity, for the cases of
 * policy-cases.ts. Prints the median and 95th percentile per run. Issue 23 asks for under 50 ms
 * in Chromium (policy-eval-chromium.ts measures that); this is the same code in Node, as a first
 * look (not a test).
 *
 * Usage: node scripts/bench/policy-eval.ts [runs]   (default 200)
 */
import { parseIdentity } from '../../src/identity/parse-identity.ts';
import { evaluate } from '../../src/policy/evaluate.ts';
import { identityFromAnswer } from '../../src/policy/policy-identity.ts';
import { readDocuments } from '../../src/policy/read-documents.ts';
import { median, percentile } from '../lib/stats.ts';
import { CASES, IDENTITY } from './policy-cases.ts';

const RUNS = Number(process.argv[2] ?? 200);
const who = identityFromAnswer(parseIdentity(IDENTITY) ?? { groups: [] }, IDENTITY);

function time(run: () => unknown): number[] {
  for (let i = 0; i < 10; i++) run();
  return Array.from({ length: RUNS }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  });
}

const ms = (values: number[]) => `median ${median(values).toFixed(2)} ms, p95 ${percentile(values, 95).toFixed(2)} ms`;
for (const [name, text] of Object.entries(CASES)) {
  const input = readDocuments(text);
  const result = evaluate(input, who);
  console.log(
    `${name}: ${input.policies.length} policies of 20 rules, ${result.unknowns.length} distinct unknowns, decision ${result.decision} (${result.method})`,
  );
  console.log(`  read:     ${ms(time(() => readDocuments(text)))}`);
  console.log(`  evaluate: ${ms(time(() => evaluate(input, who)))}`);
}
