import autocannon from 'autocannon';
import { cpuMs } from './proc.ts';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

/** Drives `url` with autocannon; any non-2xx answer or socket error makes the run invalid. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    headers: options.headers,
    connections: options.connections,
    duration: options.durationSeconds,
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) {
    const codes = JSON.stringify(result.statusCodeStats);
    throw new Error(`${options.url}: ${failed} failed request(s) (status ${codes}, errors ${result.errors})`);
  }
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result['2xx'],
  };
}

/** `runLoad`, plus the CPU time process `pid` (the server under load) used per answered request. */
export async function runLoadWithCpu(
  options: LoadOptions,
  pid: number,
): Promise<LoadResult & { cpuMsPerRequest: number }> {
  const before = cpuMs(pid);
  const result = await runLoad(options);
  return { ...result, cpuMsPerRequest: (cpuMs(pid) - before) / result.requests };
}
