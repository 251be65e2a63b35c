import type { Role } from './permissions.ts';

/** Resources that more than one feature shows (the server's JSON, snake_case as on the wire). */
export interface User {
  id: string;
  name: string;
  email: string;
  timezone: string;
  avatar_url: string | null;
}

export interface Workspace {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  role?: Role;
  created_at: string;
  updated_at: string;
}

export interface Me {
  user: User;
  auth: { method: 'session' | 'api_key'; workspace_id: string | null };
  workspaces: Workspace[];
}
