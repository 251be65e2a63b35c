import { and, count, desc, eq, or } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { Listing, Page } from './agents.repository.ts';
import { agentMessages, type MessageType } from './messages.schema.ts';

export type MessageRow = typeof agentMessages.$inferSelect;
export type NewMessage = typeof agentMessages.$inferInsert;

export interface MessageFilter {
  agentId?: string;
  correlationId?: string;
  messageType?: MessageType;
}

/** The only code that touches agent_messages. */
export class MessagesRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  with(tx: Db): MessagesRepository {
    return new MessagesRepository(tx);
  }

  async insert(message: NewMessage): Promise<MessageRow> {
    const [row] = await this.db.insert(agentMessages).values(message).returning();
    return row!;
  }

  /** Newest first; an agent filter matches messages it sent or received. */
  async list(workspaceId: string, filter: MessageFilter, page: Page): Promise<Listing<MessageRow>> {
    const conditions = [eq(agentMessages.workspaceId, workspaceId)];
    if (filter.agentId) {
      conditions.push(
        or(eq(agentMessages.fromAgentId, filter.agentId), eq(agentMessages.toAgentId, filter.agentId))!,
      );
    }
    if (filter.correlationId) conditions.push(eq(agentMessages.correlationId, filter.correlationId));
    if (filter.messageType) conditions.push(eq(agentMessages.messageType, filter.messageType));
    const where = and(...conditions);
    const rows = await this.db
      .select()
      .from(agentMessages)
      .where(where)
      .orderBy(desc(agentMessages.sentAt), desc(agentMessages.id))
      .offset(page.offset)
      .limit(page.limit);
    const [total] = await this.db.select({ n: count() }).from(agentMessages).where(where);
    return { rows, total: total?.n ?? 0 };
  }
}
