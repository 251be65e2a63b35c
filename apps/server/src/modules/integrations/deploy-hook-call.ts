/** What a deploy hook's endpoint answered: its HTTP status and the id it gave the deployment, if any. */
export interface HookAnswer {
  status: number;
  /** Vercel answers `{job: {id}}`; others `{id}` or `{deployment: {id}}`; some nothing useful. */
  providerId: string | undefined;
}

/** A hook that could not start a deployment; the message names why, never the (secret) URL. */
export class DeployHookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployHookError';
  }
}

const HOOK_TIMEOUT_MS = 15_000;

/**
 * POSTs to a deploy hook with the idempotency key as the `Idempotency-Key` header and in the body, so a
 * provider (or a proxy in front of a hook) that honours it starts one deployment however often it is called.
 */
export async function callDeployHook(
  url: string,
  idempotencyKey: string,
  body: Record<string, unknown>,
): Promise<HookAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify({ ...body, idempotency_key: idempotencyKey }),
      signal: AbortSignal.timeout(HOOK_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new DeployHookError(`The deploy hook could not be reached (${cause}).`);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) {
    throw new DeployHookError(
      `The deploy hook answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}.`,
    );
  }
  return { status: response.status, providerId: providerIdOf(text) };
}

function providerIdOf(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const body = (parsed ?? {}) as { id?: unknown; job?: { id?: unknown }; deployment?: { id?: unknown } };
  const id = body.job?.id ?? body.deployment?.id ?? body.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 255 ? id : undefined;
}
