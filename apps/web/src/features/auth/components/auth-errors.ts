import { ApiError } from '@/lib/api-client.ts';

/** better-auth's codes in words a person can act on. */
const messages: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD:
    'That e-mail and password do not match. Check them, or sign in with an e-mail link.',
  USER_ALREADY_EXISTS: 'An account with this e-mail already exists. Sign in instead.',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'An account with this e-mail already exists. Sign in instead.',
  PASSWORD_TOO_SHORT: 'Use at least 8 characters.',
  RATE_LIMITED: 'Too many attempts from this network. Wait a minute, then try again.',
  INVALID_TOKEN: 'That sign-in link has expired or was already used. Ask for a new one below.',
  EXPIRED_TOKEN: 'That sign-in link has expired. Ask for a new one below.',
};

export function authErrorMessage(error: unknown): string | undefined {
  if (!error) return undefined;
  if (typeof error === 'string')
    return messages[error.toUpperCase()] ?? 'Signing in did not work. Try again.';
  if (error instanceof ApiError) return messages[error.code] ?? error.message;
  return error instanceof Error ? error.message : 'Something went wrong. Try again.';
}
