#!/usr/bin/env node
// The agency-os command. npm scripts and npx put this repository's Node.js 24 first on PATH.
import './drizzle-as-commonjs.js';

// Imported once the hook above is in place: a static import would resolve main's whole graph before it.
await import('../src/main.ts');
