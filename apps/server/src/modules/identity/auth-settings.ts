import { registerEncryptedColumns } from '../../platform/crypto/encrypted-columns.ts';

/** The header our auth proxy sets from Fastify's trusted client address; clients' own X-Forwarded-For is dropped. */
export const CLIENT_IP_HEADER = 'x-agency-client-ip';
export const SESSION_COOKIE = 'agency_os.session_token';
export const MAGIC_LINK_TTL_SECONDS = 10 * 60;

// Here, not beside the auth library: `rotate-secret-key` must know these columns without loading it.
registerEncryptedColumns({
  table: 'accounts',
  idColumn: 'id',
  columns: ['access_token', 'refresh_token', 'id_token'],
});
