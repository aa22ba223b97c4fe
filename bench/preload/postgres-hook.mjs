// Module hook (bench/preload/serve-preload.mjs): `import postgres from 'postgres'` anywhere but in
// the wrapper itself resolves to the wrapper, which turns on postgres.js's debug hook.
const WRAPPER = new URL('./postgres-debug.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'postgres' && context.parentURL !== WRAPPER) return { url: WRAPPER, shortCircuit: true };
  return next(specifier, context);
}
