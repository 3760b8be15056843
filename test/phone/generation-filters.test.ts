import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';
import { TASK_KIND_KEY } from '../../src/temporal/search-attributes.js';
import { recordHistory } from '../replay/record-history.js';
import { countRows, GEN, numbersOf, post, realLookingProblem, taskRow, waitForTask } from './generation-support.js';

let app: TestApp;
let account: TestAccount;
beforeAll(async () => ({ app, account } = await startTestAppWithAccount()));
afterAll(() => app.close());

describe('carrier and type filters', () => {
  test('when filters are given, then only looked-up numbers of that carrier and line type are stored, already validated', async () => {
    const res = await post(app, account, '/generate-numbers-config/', {
      project_id: 'f', area_code: '415', quantity: 150, batch_size: 100, carrier_filter: 'at&t', type_filter: 'Mobile',
    });
    expect(res.status).toBe(202);
    expect(res.body.data).toEqual(expect.objectContaining({ carrier_filter: 'at&t', type_filter: 'mobile', auto_validate: false }));
    const task = await waitForTask(app, res.body.data.task_id);
    const numbers = await numbersOf(app, account.tenantId, 'generation_task_id = $2', [task.task_id]);
    expect(numbers).toHaveLength(150);
    expect(numbers.map((n) => realLookingProblem(n.number, '415')).filter(Boolean)).toEqual([]);
    for (const n of numbers) expect(n).toEqual(expect.objectContaining({ status: 'valid', carrier: 'AT&T', line_type: 'mobile', lookup_source: 'simulated' }));
    expect(task.result).toEqual(expect.objectContaining({ total_generated: 150, carrier_filter: 'at&t', type_filter: 'mobile' }));
    expect((task.result as { numbers_looked_up: number }).numbers_looked_up).toBeGreaterThan(150);
    const cached = await countRows(app, `select count(*)::int as n from number_lookups where number = any($1) and source = 'simulated'`, [numbers.map((n) => n.number)]);
    expect(cached).toBe(150);
    await app.temporal.client.workflow.getHandle(task.workflow_id!).result();
    await recordHistory(app, task.workflow_id!, 'phone-generation-filtered');
  });

  test('when no number of the area code can match, then the task fails with a clear error and keeps nothing wrong', async () => {
    const res = await post(app, account, '/generate-numbers-config/', { project_id: 'none', area_code: '212', quantity: 3, batch_size: 100, carrier_filter: 'No Such Carrier' });
    expect(res.status).toBe(202);
    const task = await waitForTask(app, res.body.data.task_id, ['failed']);
    expect(task.error).toBe('Area code 212 could not supply 3 numbers matching carrier "No Such Carrier": 0 found before the search limit.');
    expect(await countRows(app, `select count(*)::int as n from phone_numbers where generation_task_id = $1`, [task.task_id])).toBe(0);
    const progress = await app.http.get(`${GEN}/tasks/${task.task_id}/progress/?user_id=${account.userId}`, { apiKey: account.apiKey });
    expect(progress.body.data).toEqual(expect.objectContaining({ status: 'failed', result: expect.objectContaining({ error_code: 'AREA_CODE_EXHAUSTED', total_generated: 0 }) }));
    await expect(app.temporal.client.workflow.getHandle(task.workflow_id!).result()).rejects.toThrow();
    await recordHistory(app, task.workflow_id!, 'phone-generation-failed');
  });

  test('when the legacy synchronous generation cannot find enough matching numbers, then the 400 names AREA_CODE_EXHAUSTED', async () => {
    const res = await post(app, account, '/generate-numbers/', { project_id: 'none-sync', area_code: '212', quantity: 3, batch_size: 100, carrier_filter: 'No Such Carrier' });
    expect(res.status).toBe(400);
    expect(res.headers.get('error-code')).toBe('AREA_CODE_EXHAUSTED');
    expect(res.body).toEqual({
      message: 'Errors',
      errors: { non_field_errors: ['Area code 212 could not supply 3 numbers matching carrier "No Such Carrier": 0 found before the search limit.'], task_id: [expect.any(String)] },
    });
  });
});

describe('auto_validate', () => {
  test('when auto_validate is set, then a validation task follows and every generated number ends validated', async () => {
    const res = await post(app, account, '/generate-numbers-config/', { project_id: 'auto', area_code: '617', quantity: 250, batch_size: 100, auto_validate: true });
    expect(res.status).toBe(202);
    expect(res.body.data.auto_validate).toBe(true);
    const generation = await waitForTask(app, res.body.data.task_id);
    const validationTaskId = (generation.result as { validation_task_id: string }).validation_task_id;
    expect(validationTaskId).toEqual(expect.any(String));
    const validation = await waitForTask(app, validationTaskId);
    expect(validation).toEqual(expect.objectContaining({ kind: 'phone-validation', project_id: 'auto', total_items: 250, processed_items: 250 }));
    expect(validation.workflow_id).toBe(`phone-validation-t${account.tenantId}-${validationTaskId}`);
    expect(validation.result).toEqual(expect.objectContaining({ total_validated: 250, valid_numbers: 250, invalid_numbers: 0, lookup_source: 'simulated' }));
    const numbers = await numbersOf(app, account.tenantId, 'generation_task_id = $2', [generation.task_id]);
    expect(numbers.every((n) => n.status === 'valid' && n.carrier && n.line_type && n.lookup_source === 'simulated')).toBe(true);
    const described = await app.temporal.client.workflow.getHandle(validation.workflow_id!).describe();
    expect(described.typedSearchAttributes.get(TASK_KIND_KEY)).toBe('phone-validation');
    expect((await taskRow(app, validationTaskId)).user_id).toBe(account.userId);
    await app.temporal.client.workflow.getHandle(generation.workflow_id!).result();
    await app.temporal.client.workflow.getHandle(validation.workflow_id!).result();
    await recordHistory(app, generation.workflow_id!, 'phone-generation-auto-validate');
    await recordHistory(app, validation.workflow_id!, 'phone-validation-chained');
  });
});
