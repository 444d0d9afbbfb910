#!/usr/bin/env node
// The `haven` command (npx haven …): runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/index.ts');
