import type { Auth, AuthDeps } from './auth.ts';

/**
 * The auth library (better-auth, its adapters, argon2, the OAuth client), loaded with the first session, sign-in
 * or sign-up rather than at start: worker, scheduler and realtime processes and requests with an API key never
 * need it, and it is the largest part of the server's idle memory (docs/benchmarks.md, "Idle memory").
 */
export class AuthLoader {
  private readonly deps: AuthDeps;
  private loading: Promise<Auth> | undefined;

  constructor(deps: AuthDeps) {
    this.deps = deps;
  }

  get(): Promise<Auth> {
    // A load that failed is tried again by the next request rather than remembered until a restart.
    this.loading ??= import('./auth.ts')
      .then(({ createAuth }) => createAuth(this.deps))
      .catch((error: unknown) => {
        this.loading = undefined;
        throw error;
      });
    return this.loading;
  }
}
