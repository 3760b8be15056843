/**
 * Jest's node environment without the "VM Modules is an experimental feature" warning each jest worker
 * prints: the ESM tests need --experimental-vm-modules, so it says nothing new. Every other warning prints.
 */
import { TestEnvironment } from 'jest-environment-node';

const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  if (String(warning).startsWith('VM Modules is an experimental feature')) return;
  return emitWarning.call(process, warning, ...rest);
};

export default TestEnvironment;
