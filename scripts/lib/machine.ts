/**
 * What a measurement ran on. Timings mean little without it, and these machines are shared:
 * the load average says whether other work was competing for the cores.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { chromiumPath } from '../../src/build/chromium.ts';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  chromium: string;
  date: string;
  loadAverage: string;
}

function chromiumVersion(): string {
  try {
    // stderr ignored: Debian's wrapper script prints a harmless shell warning on some machines.
    return execFileSync(chromiumPath(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return `not found at ${chromiumPath()}`;
  }
}

export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: chromiumVersion(),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    loadAverage: currentLoad(),
  };
}

export function machineLines(machine: Machine, loadAtEnd?: string): string[] {
  return [
    `- CPU: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM`,
    `- Node ${machine.node}; ${machine.chromium}`,
    `- Date: ${machine.date}`,
    `- Load average at start: ${machine.loadAverage}${loadAtEnd ? `; at end: ${loadAtEnd}` : ''}`,
  ];
}

export function currentLoad(): string {
  const [one, five] = loadavg();
  return `${one?.toFixed(1)} (1 min), ${five?.toFixed(1)} (5 min)`;
}
