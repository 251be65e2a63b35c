/** Who caused a change. An API key acts on behalf of its user; agents and webhooks arrive with later modules. */
export type ActorType = 'user' | 'api_key' | 'agent' | 'webhook' | 'system';

export interface Actor {
  type: ActorType;
  /** The user, token, agent or webhook id; null for the system. */
  id: string | null;
  /** The user an API key or agent acts for. */
  onBehalfOf?: string | null;
}

/** What a service needs to know about the caller to record a change. */
export interface ChangeContext {
  actor: Actor;
  requestId?: string;
  ip?: string;
  /**
   * When the change happened, if not now. Requests never set it; the demo seed does, to write a believable past
   * (history, audit rows and timestamps of the objects it creates or changes). Absent means the clock.
   */
  at?: Date;
}

/** The moment a change happens: the context's `at`, else now. */
export function changedAt(context: ChangeContext): Date {
  return context.at ?? new Date();
}

export const systemContext: ChangeContext = { actor: { type: 'system', id: null } };

/** The user whose permissions apply to an actor, if any. */
export function actingUserId(actor: Actor): string | null {
  if (actor.type === 'user') return actor.id;
  return actor.onBehalfOf ?? null;
}
