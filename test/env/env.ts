// What tests read to find the local services that with-stack.ts started. Missing means the layer was run
// outside its runner: fail loudly rather than skip.
export function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v) {
    throw new Error(`${name} is not set: run this layer through its runner (npm run test:integration), which starts the local services.`);
  }
  return v;
}
