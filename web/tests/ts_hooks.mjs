// Lets a test import the front end's TypeScript sources as they are (await import of
// ../src/…/x.ts): a relative import without an extension inside src/ resolves to its .ts file,
// and a .ts file is compiled by Vite's esbuild when it is loaded. No build, no browser.
//
//   import './ts_hooks.mjs';   // first, then: const m = await import('../src/flows/lookup.ts');

import { register } from 'node:module';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';

// The same file serves as the hooks module, which Node loads in its own thread.
if (isMainThread) register(import.meta.url);

export async function resolve(specifier, context, next) {
  if (context.parentURL?.endsWith('.ts') && /^\.\.?\//.test(specifier) && !/\.[a-z]+$/.test(specifier)) {
    return next(`${specifier}.ts`, context);
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const { transformWithEsbuild } = await import('vite');
  const path = fileURLToPath(url);
  const { code } = await transformWithEsbuild(await readFile(path, 'utf8'), path, {
    loader: 'ts', format: 'esm', target: 'es2020',
  });
  return { format: 'module', source: code, shortCircuit: true };
}
