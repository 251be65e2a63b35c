import { z } from 'zod';

// Zod compiles fast parsers with `new Function` when it may; the CSP forbids eval, so it must not try.
// Imported first by main.tsx, before any module that builds or parses a schema.
z.config({ jitless: true });
