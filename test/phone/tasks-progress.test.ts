import { estimateCompletion, mergeLiveProgress } from '../../src/app/tasks/task-progress.js';

const row = { status: 'in_progress' as const, progress: 40, current_step: 'Generating batch 4/10', processed_items: 4000, total_items: 10_000 };

describe('live task progress', () => {
  test('when the workflow is ahead of the row, then its count and step are reported', () => {
    const merged = mergeLiveProgress(row, { status: 'in_progress', processed: 4500, total: 10_000, currentStep: 'Generating batch 5/10' });
    expect(merged).toEqual({ status: 'in_progress', progress: 45, currentStep: 'Generating batch 5/10', processedItems: 4500, totalItems: 10_000 });
  });

  test('when the workflow answers with an older figure, then the row does not go backwards', () => {
    const merged = mergeLiveProgress(row, { status: 'in_progress', processed: 3000, total: 10_000, currentStep: 'Generating batch 3/10' });
    expect(merged).toEqual(expect.objectContaining({ processedItems: 4000, progress: 40, currentStep: 'Generating batch 4/10' }));
  });

  test('when the workflow says completed before the row does, then the row status stands', () => {
    const merged = mergeLiveProgress(row, { status: 'completed', processed: 10_000, total: 10_000, currentStep: 'Completed' });
    expect(merged.status).toBe('in_progress');
    expect(merged.progress).toBe(100);
  });

  test('when the row is final, then the workflow is not consulted', () => {
    const done = { ...row, status: 'cancelled' as const };
    expect(mergeLiveProgress(done, { status: 'in_progress', processed: 9000, total: 10_000, currentStep: 'x' })).toEqual(
      expect.objectContaining({ status: 'cancelled', processedItems: 4000 }),
    );
  });

  test('when a quarter is done after 100 s, then completion is estimated 300 s later', () => {
    const now = new Date('2025-10-04T10:01:40Z');
    const started = new Date('2025-10-04T10:00:00Z');
    expect(estimateCompletion({ status: 'in_progress', processedItems: 250, totalItems: 1000 }, started, null, now)).toEqual(new Date('2025-10-04T10:06:40Z'));
    expect(estimateCompletion({ status: 'in_progress', processedItems: 0, totalItems: 1000 }, started, null, now)).toBeNull();
    expect(estimateCompletion({ status: 'pending', processedItems: 0, totalItems: 1000 }, null, null, now)).toBeNull();
    const completedAt = new Date('2025-10-04T10:05:00Z');
    expect(estimateCompletion({ status: 'completed', processedItems: 1000, totalItems: 1000 }, started, completedAt, now)).toBe(completedAt);
  });
});
