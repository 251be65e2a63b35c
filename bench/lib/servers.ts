import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { agencyOsBin, freePort, repoRoot, startServer, type ServerProcess } from './process.ts';

const baselineScript = path.join(repoRoot, 'bench', 'lib', 'baseline-server.ts');

/** A fresh AGENCY_SECRET_KEY, for processes that must share one (a seeding step and the server it seeds). */
export function newSecretKey(): string {
  return randomBytes(32).toString('base64');
}

/** The real `agency-os start` (all roles unless `roles` names some), on a free port of 127.0.0.1. */
export async function startAgencyOs(env: Record<string, string>, roles?: string): Promise<ServerProcess> {
  const port = await freePort();
  return startServer({
    label: 'agency-os',
    args: [agencyOsBin, 'start', ...(roles ? ['--role', roles] : [])],
    port,
    env: { HOST: '127.0.0.1', PORT: String(port), ...env },
  });
}

/** The bare Fastify baseline (see baseline-server.ts) on a free port of 127.0.0.1. */
export async function startBaseline(
  kind: 'pglite' | 'postgres',
  env: Record<string, string>,
): Promise<ServerProcess> {
  const port = await freePort();
  return startServer({
    label: `baseline-${kind}`,
    args: [baselineScript],
    port,
    env: { BENCH_BASELINE: kind, PORT: String(port), ...env },
  });
}
