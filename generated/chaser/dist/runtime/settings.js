// Copied by driftless from generator/client/runtime/settings.ts — do not edit here; change the original and run `npm run generate`.
export {};
