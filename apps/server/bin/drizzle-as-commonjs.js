import { registerHooks } from 'node:module';

/**
 * Loads drizzle-orm through its CommonJS build. For every ES module file Node loads it looks up the file's
 * package.json and copies it, which parses that package's `exports` map again; drizzle-orm's is 130 KB, and
 * the server loads some 150 of its files. That cost about 0.4 s of CPU at start and left ~90 MB of heap
 * behind (docs/benchmarks.md, "Cold start"). `.cjs` files skip that lookup. Every importer, ours and
 * better-auth's, gets the same CommonJS copy, so there is one drizzle in the process.
 */
const requireConditions = ['require', 'node', 'node-addons', 'default'];
/** Resolution depends on the specifier and the importer's directory only; each pair reads drizzle's package.json. */
const resolved = new Map();

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier !== 'drizzle-orm' && !specifier.startsWith('drizzle-orm/')) {
      return nextResolve(specifier, context);
    }
    const parent = context.parentURL ?? '';
    const key = `${specifier} ${parent.slice(0, parent.lastIndexOf('/'))}`;
    let result = resolved.get(key);
    if (!result) {
      result = nextResolve(specifier, { ...context, conditions: requireConditions });
      resolved.set(key, result);
    }
    return { ...result, shortCircuit: true };
  },
});
