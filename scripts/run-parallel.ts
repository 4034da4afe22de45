/**
 * Runs npm scripts side by side, two at a time (this project's machines have two cores), and
 * prints each one's output whole when it ends, so the log reads as if they had run in turn. Exits
 * non-zero if any of them failed, after all have ended. `npm test` runs its static checks with it:
 * they only read the tree, so they cannot disturb each other (the generated types they read are
 * written before, by `astro sync`, not by `astro check` while ESLint reads them).
 *
 * Usage: node scripts/run-parallel.ts <script> [<script> ...]
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error('usage: node scripts/run-parallel.ts <npm script> [<npm script> ...]');
  process.exit(2);
}

function run(script: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => {
      process.stdout.write(`\n> ${script}${code === 0 ? '' : ` (failed, exit ${code})`}\n${output}`);
      resolve(code === 0);
    });
  });
}

const queue = [...scripts];
const failed: string[] = [];
const worker = async () => {
  for (let script = queue.shift(); script; script = queue.shift()) if (!(await run(script))) failed.push(script);
};
await Promise.all(Array.from({ length: Math.min(2, availableParallelism(), scripts.length) }, worker));
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
