// Copied by driftless from generator/client/runtime/options.ts — do not edit here; change the original and run `npm run generate`.
export {};
