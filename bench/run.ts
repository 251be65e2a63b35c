/**
 * `npm run bench [name ...]`: runs every bench/*.bench.ts (or the named ones) one after another, prints a
 * table and writes bench/results/latest.json. Each figure is compared with a baseline measured in the same
 * run, so the ratios mean something on any machine; the absolute numbers are this machine's.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanupAll } from './lib/cleanup.ts';
import { DEFAULT_TIME_LIMIT_SECONDS, formatTable, type Benchmark, type Measurement } from './lib/report.ts';
import { round } from './lib/stats.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const resultsFile = path.join(benchDir, 'results', 'latest.json');

async function abort(reason: string, code: number): Promise<never> {
  console.error(`\n${reason}; cleaning up.`);
  await cleanupAll();
  process.exit(code);
}

function selectFiles(names: string[]): string[] {
  const all = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  if (names.length === 0) return all;
  const wanted = names.map((n) => n.replace(/\.bench\.ts$/, ''));
  const unknown = wanted.filter((n) => !all.includes(`${n}.bench.ts`));
  if (unknown.length > 0) {
    const known = all.map((f) => f.replace('.bench.ts', '')).join(', ');
    console.error(`Unknown benchmark ${unknown.join(', ')}; there are: ${known}`);
    process.exit(2);
  }
  return all.filter((f) => wanted.includes(f.replace('.bench.ts', '')));
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: os.availableParallelism(),
    cpu_model: cpus[0]?.model ?? 'unknown',
    memory_gb: round(os.totalmem() / 1024 ** 3, 1),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

const loadAverage = () => os.loadavg().map((l) => round(l, 1));

/**
 * Every run is bounded: past the sum of the chosen benchmarks' own limits (each about three times what it takes
 * on the development machine), stop, clean up and fail.
 */
function startTimeLimit(benches: Benchmark[]): void {
  const seconds = benches.reduce((sum, b) => sum + (b.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS), 0);
  setTimeout(() => void abort(`Time limit of ${seconds} s reached`, 1), seconds * 1000).unref();
}

async function main(): Promise<number> {
  const files = selectFiles(process.argv.slice(2));
  const benches: Benchmark[] = [];
  for (const file of files) {
    benches.push(((await import(path.join(benchDir, file))) as { default: Benchmark }).default);
  }
  startTimeLimit(benches);
  const started = performance.now();
  const loadBefore = loadAverage();
  const results: Measurement[] = [];
  const failures: Array<{ benchmark: string; error: string }> = [];
  for (const bench of benches) {
    console.log(`\n▶ ${bench.name}: ${bench.description}`);
    const t0 = performance.now();
    try {
      const rows = await bench.run();
      results.push(...rows);
      console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (error) {
      console.error(`  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      failures.push({ benchmark: bench.name, error: String(error) });
    }
  }
  const totalSeconds = round((performance.now() - started) / 1000, 1);
  // Other programs slow both sides of a ratio, though not always alike: keep the load with the figures.
  const load = { before: loadBefore, after: loadAverage() };
  console.log(`\n${formatTable(results)}\n`);
  const loads = `${load.before.join(' ')} before, ${load.after.join(' ')} after`;
  console.log(
    `Total ${totalSeconds} s on ${os.availableParallelism()} cores; load average (1/5/15 min) ${loads}.`,
  );
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  const report = {
    generated_at: new Date().toISOString(),
    machine: machine(),
    load_average: load,
    total_seconds: totalSeconds,
    results,
    failures,
  };
  writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Results written to ${path.relative(process.cwd(), resultsFile)}`);
  return failures.length > 0 ? 1 : 0;
}

process.once('SIGINT', () => void abort('Interrupted', 130));
process.once('SIGTERM', () => void abort('Terminated', 143));

const code = await main().finally(cleanupAll);
// Keep-alive sockets and pools of the clients used above would otherwise hold the process open.
process.exit(code);
