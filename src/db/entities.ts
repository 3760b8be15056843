import { TenantSchema } from '../domain/tenancy/tenant.entity.js';
import { MembershipSchema } from '../domain/tenancy/membership.entity.js';
import { UserSchema } from '../domain/identity/user.entity.js';
import { TaskSchema } from '../domain/tasks/task.entity.js';

export const entities = [TenantSchema, MembershipSchema, UserSchema, TaskSchema];
