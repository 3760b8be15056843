// Jest loads global setup outside its ESM sandbox; tsx lets Node import the TypeScript run setup directly.
import { register } from 'tsx/esm/api';

register();
export default async function globalSetup() {
  const { default: startRun } = await import('./start-run.ts');
  await startRun();
}
