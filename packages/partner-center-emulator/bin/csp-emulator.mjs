#!/usr/bin/env node
// Launcher for `npx csp-emulator`: registers tsx so the TypeScript sources run without a build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
