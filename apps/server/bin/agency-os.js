#!/usr/bin/env node
// The agency-os command. npm scripts and npx put this repository's Node.js 24 first on PATH.
import '../src/main.ts';
