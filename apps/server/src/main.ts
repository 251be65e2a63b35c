import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createContainer, createLogger, type Container } from './container.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { workspaceRoles, type WorkspaceRole } from './modules/identity/index.ts';
import { ConfigError, loadConfig, type Config } from './platform/config/config.ts';
import { rotateSecretKey } from './platform/crypto/rotate.ts';
import { SecretKeyError } from './platform/crypto/secret-box.ts';
import { openDatabase } from './platform/db/database.ts';
import { DataDirLockedError } from './platform/db/data-dir-lock.ts';
import { runMigrations } from './platform/db/migrate.ts';
import { AppError } from './platform/errors/app-error.ts';
import { systemContext } from './platform/events/actor.ts';
import { processRoles, startServer, stopOnSignals, type ProcessRole } from './server.ts';

/** The `agency-os` command: the server and script-friendly admin commands, all on the server's configuration. */
const program = new Command('agency-os')
  .description('Agency OS: server and administration')
  .showHelpAfterError()
  // Usage errors go through report() so that `--json` callers get them as JSON, not as text and help.
  .exitOverride()
  .configureOutput({ writeErr: (text) => void (wantsJson() || process.stderr.write(text)) });
const json = new Option('--json', 'print the result as JSON');
function wantsJson(): boolean {
  return process.argv.includes('--json');
}

function parseRoles(value: string): ProcessRole[] {
  const roles = value.split(',').map((r) => r.trim());
  const unknown = roles.filter((r) => !(processRoles as readonly string[]).includes(r));
  if (unknown.length > 0)
    throw new InvalidArgumentError(`unknown role ${unknown.join(', ')}; use ${processRoles.join(',')}`);
  return roles as ProcessRole[];
}

function parseRole(value: string): WorkspaceRole {
  if (!(workspaceRoles as readonly string[]).includes(value))
    throw new InvalidArgumentError(`use one of ${workspaceRoles.join(', ')}`);
  return value as WorkspaceRole;
}

program
  .command('start')
  .description('run the server (all roles by default)')
  .option('--role <roles>', `comma-separated roles: ${processRoles.join(',')}`, parseRoles, [...processRoles])
  .action(async (options: { role: ProcessRole[] }) => {
    const config = loadConfig();
    const server = await startServer(config, options.role);
    stopOnSignals(server);
    const lines = [
      `Agency OS is running (${options.role.join(', ')}) on ${config.database.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL'}.`,
    ];
    if (server.url) lines.push(`  Open ${config.publicUrl}  ·  API reference ${config.publicUrl}/api/docs`);
    if (server.demo)
      lines.push(`  Demo login: ${server.demo.email} / ${server.demo.password}  (workspace "northwind")`);
    console.log(lines.join('\n'));
  });

program
  .command('migrate')
  .description('apply database migrations and exit')
  .action(() => withDatabase(async () => ({ migrated: true }), { text: () => 'Migrations are up to date.' }));

program
  .command('seed-demo')
  .description('create the demo agency (safe to run again)')
  .addOption(json)
  .action((options: { json?: boolean }) =>
    withContainer(
      options,
      async (c) => seedDemo(c),
      (d) => `Demo agency ready: ${d.email} / ${d.password}`,
    ),
  );

program
  .command('rotate-secret-key')
  .description('re-encrypt every stored secret with a new key')
  .addOption(json)
  .action((options: { json?: boolean }) =>
    withContainer(
      options,
      (c) => rotateSecretKey(c.database, c.keys),
      (r) =>
        `Re-encrypted ${r.tables.reduce((n, t) => n + t.resealed, 0)} record(s) with key ${r.keyId}.` +
        (r.keyFileRotated
          ? ' The new key is in the data directory.'
          : ' You can now remove AGENCY_SECRET_KEY_PREVIOUS.'),
    ),
  );

program
  .command('create-user')
  .description('create a user who signs in with e-mail and password')
  .requiredOption('--email <email>')
  .requiredOption('--password <password>')
  .option('--name <name>')
  .addOption(json)
  .action((options: { email: string; password: string; name?: string; json?: boolean }) =>
    withContainer(
      options,
      async (c) => {
        const { user } = await (
          await c.identity.auth.get()
        ).api.signUpEmail({
          body: {
            email: options.email,
            password: options.password,
            name: options.name ?? options.email.split('@')[0]!,
          },
        });
        return { id: user.id, email: user.email, name: user.name };
      },
      (u) => `Created user ${u.email} (${u.id}).`,
    ),
  );

program
  .command('create-workspace')
  .description('create a workspace owned by an existing user')
  .requiredOption('--slug <slug>')
  .requiredOption('--name <name>')
  .requiredOption('--owner <email>')
  .addOption(json)
  .action((options: { slug: string; name: string; owner: string; json?: boolean }) =>
    withContainer(
      options,
      async (c) => {
        const owner = await requireUser(c, options.owner);
        const w = await c.identity.workspaces.create(systemContext, owner, {
          slug: options.slug,
          name: options.name,
        });
        return { id: w.id, slug: w.slug, name: w.name };
      },
      (w) => `Created workspace ${w.slug} (${w.id}).`,
    ),
  );

program
  .command('add-member')
  .description('add an existing user to a workspace')
  .requiredOption('--workspace <slug>')
  .requiredOption('--email <email>')
  .requiredOption('--role <role>', workspaceRoles.join('|'), parseRole)
  .addOption(json)
  .action((options: { workspace: string; email: string; role: WorkspaceRole; json?: boolean }) =>
    withContainer(
      options,
      async (c) => {
        const workspace = await c.identity.workspaces.findBySlug(options.workspace);
        const userId = await requireUser(c, options.email);
        await c.identity.members.add(systemContext, workspace, userId, options.role);
        return { workspace: workspace.slug, user_id: userId, role: options.role };
      },
      (m) => `Added ${options.email} to ${m.workspace} as ${m.role}.`,
    ),
  );

program
  .command('create-api-token')
  .description('create an API token acting as the user (prints it once)')
  .requiredOption('--email <email>')
  .option('--workspace <slug>', 'restrict the token to one workspace')
  .option('--label <label>', 'what the token is for', 'created from the command line')
  .addOption(json)
  .action((options: { email: string; workspace?: string; label: string; json?: boolean }) =>
    withContainer(
      options,
      async (c) => {
        const userId = await requireUser(c, options.email);
        const { token, row } = await c.identity.apiTokens.create(
          { actor: { type: 'user', id: userId } },
          userId,
          { label: options.label, workspaceSlug: options.workspace },
        );
        return { token, id: row.id };
      },
      (t) => t.token,
    ),
  );

async function requireUser(c: Container, email: string): Promise<string> {
  const user = await c.identity.users.findByEmail(email);
  if (!user)
    throw new AppError('USER_NOT_FOUND', {
      field: 'email',
      message: `No user has the e-mail address ${email}.`,
    });
  return user.id;
}

async function withDatabase<T>(
  work: (config: Config) => Promise<T>,
  format: { text: (r: T) => string; json?: boolean },
) {
  const config = loadConfig();
  const database = await openDatabase(config.database, { poolSize: 2 });
  try {
    await runMigrations(database);
    const result = await work(config);
    console.log(format.json ? JSON.stringify(result) : format.text(result));
  } finally {
    await database.close();
  }
}

async function withContainer<T>(
  options: { json?: boolean },
  work: (c: Container) => Promise<T>,
  text: (r: T) => string,
) {
  const config = loadConfig();
  const database = await openDatabase(config.database, { poolSize: 2 });
  let container: Container | undefined;
  try {
    container = createContainer(
      config,
      database,
      createLogger({ ...config, logLevel: 'warn' }, process.stderr),
    );
    await runMigrations(database);
    const result = await work(container);
    console.log(options.json ? JSON.stringify(result) : text(result));
  } finally {
    await (container ? container.close() : database.close());
  }
}

function report(error: unknown): never {
  if (error instanceof CommanderError) {
    // Commander has already printed its message, unless a script asked for JSON.
    const message = error.message.replace(/^error: /, '');
    if (wantsJson() && error.exitCode !== 0)
      console.error(JSON.stringify({ error: { code: 'INVALID_ARGUMENT', message } }));
    process.exit(error.exitCode);
  }
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof SecretKeyError
  ) {
    console.error(error.message);
  } else if (error instanceof AppError || isAuthApiError(error)) {
    const body =
      error instanceof AppError ? { code: error.code, message: error.message } : authErrorBody(error);
    console.error(wantsJson() ? JSON.stringify({ error: body }) : `${body.code}: ${body.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
}

function isAuthApiError(
  error: unknown,
): error is { body?: { code?: string; message?: string }; message: string } {
  return error instanceof Error && error.name === 'APIError';
}

function authErrorBody(error: { body?: { code?: string; message?: string }; message: string }) {
  return { code: error.body?.code ?? 'AUTH_FAILED', message: error.body?.message ?? error.message };
}

program.parseAsync(process.argv).catch(report);
