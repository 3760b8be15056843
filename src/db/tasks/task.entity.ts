import { defineEntity, p } from '@mikro-orm/core';
import type { TaskStatus } from '../../domain/tasks/task-status.js';

export const TaskSchema = defineEntity({
  name: 'Task',
  tableName: 'tasks',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    taskId: p.string().unique(),
    tenantId: p.bigint('number'),
    userId: p.bigint('number'),
    projectId: p.string().nullable(),
    kind: p.string(),
    name: p.string(),
    status: p.string().$type<TaskStatus>().default('pending'),
    progress: p.integer().default(0),
    currentStep: p.string().default(''),
    processedItems: p.bigint('number').default(0),
    totalItems: p.bigint('number').default(0),
    workflowId: p.string().nullable(),
    params: p.json<Record<string, unknown>>().default('{}'),
    result: p.json<Record<string, unknown>>().nullable(),
    error: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    startedAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type Task = InstanceType<typeof TaskSchema.class>;
