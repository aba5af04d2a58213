#!/usr/bin/env node
// Launcher for `npx csphub`: registers tsx so the TypeScript sources run without a build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
// eslint-disable-next-line no-restricted-syntax -- the command's own settings (CSPHUB_URL, CSPHUB_TOKEN, docs/CLI.md), not the server's configuration
process.exitCode = await main(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
