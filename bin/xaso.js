#!/usr/bin/env node
// The `xaso` command: runs the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

register();
process.env.XASO_CLI = '1';
await import('../src/main.ts');
