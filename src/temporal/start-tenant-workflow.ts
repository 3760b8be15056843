import { WithStartWorkflowOperation, type Client, type WorkflowHandleWithFirstExecutionRunId, type WorkflowOptions, type WorkflowStartOptions } from '@temporalio/client';
import type { WorkflowIdConflictPolicy } from '@temporalio/common';
import type * as workflows from '../workflows/index.js';
import { tenantWorkflowIdentity, type TenantWorkflowKey } from './tenant-workflow-identity.js';

type Workflows = typeof workflows;

/** A workflow the worker registers, by its export name in src/workflows/index.ts (its workflow type). */
export type WorkflowName = keyof Workflows;
export type WorkflowArgs<N extends WorkflowName> = Parameters<Workflows[N]>;

/** The options of a start of workflow N in a tenant: anything a start takes but the id and search attributes, which come from the key. */
export type TenantWorkflowStart<N extends WorkflowName> = TenantWorkflowKey &
  Omit<WorkflowOptions, 'workflowId' | 'searchAttributes' | 'typedSearchAttributes'> & { args: WorkflowArgs<N> };

function tenantWorkflowOptions<N extends WorkflowName>({ kind, tenantId, id, ...options }: TenantWorkflowStart<N>): WorkflowStartOptions<Workflows[N]> {
  return { ...options, ...tenantWorkflowIdentity({ kind, tenantId, id }) } as WorkflowStartOptions<Workflows[N]>;
}

/** Starts workflow `type` in a tenant, its args checked against the workflow's parameters. */
export function startTenantWorkflow<N extends WorkflowName>(client: Client, type: N, start: TenantWorkflowStart<N>): Promise<WorkflowHandleWithFirstExecutionRunId<Workflows[N]>> {
  return client.workflow.start(type, tenantWorkflowOptions(start));
}

/** The start half of an update-with-start of workflow `type` in a tenant. */
export function tenantWorkflowStartOperation<N extends WorkflowName>(type: N, start: TenantWorkflowStart<N> & { workflowIdConflictPolicy: WorkflowIdConflictPolicy }) {
  return new WithStartWorkflowOperation<Workflows[N]>(type, { ...tenantWorkflowOptions(start), workflowIdConflictPolicy: start.workflowIdConflictPolicy });
}

/** The action of a Temporal Schedule that starts workflow `type` in a tenant (Temporal suffixes each run's id with its time). */
export function tenantScheduleAction<N extends WorkflowName>(type: N, { kind, tenantId, id, taskQueue, args }: TenantWorkflowKey & { taskQueue: string; args: WorkflowArgs<N> }) {
  return { type: 'startWorkflow' as const, workflowType: type, taskQueue, args, ...tenantWorkflowIdentity({ kind, tenantId, id }) };
}
