import { register } from 'tsx/esm/api';

register();
export default async function globalTeardown() {
  const { default: stopRun } = await import('./stop-run.ts');
  await stopRun();
}
