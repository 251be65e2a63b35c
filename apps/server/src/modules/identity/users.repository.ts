import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { users } from './identity.schema.ts';

export type UserRow = typeof users.$inferSelect;

export class UsersRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async findById(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return row;
  }

  async findByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
      .limit(1);
    return row;
  }

  async update(id: string, patch: Partial<Pick<UserRow, 'name' | 'timezone' | 'image'>>): Promise<UserRow> {
    const [row] = await this.db
      .update(users)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    return row!;
  }
}
