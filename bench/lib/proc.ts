import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) / 1024;
}

/**
 * Idle RSS: lets the process settle for `settleMs` after it is ready, then samples it for `sampleMs` and
 * reports the highest sample (the figure an operator's monitoring would show).
 */
export async function idleRssMb(pid: number, settleMs = 2000, sampleMs = 2000): Promise<number> {
  await sleep(settleMs);
  const samples: number[] = [];
  for (let elapsed = 0; elapsed <= sampleMs; elapsed += 250) {
    samples.push(rssMb(pid));
    await sleep(250);
  }
  return Math.max(...samples);
}

/**
 * CPU time (user + system) the process has used so far, in ms. Unlike throughput, CPU spent per request
 * hardly changes when other programs compete for the machine.
 */
export function cpuMs(pid: number): number {
  // Fields after the command name, which is in parentheses and may contain spaces: utime is the 12th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux the project runs on
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}
