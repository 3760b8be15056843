import { TenantSchema } from './tenancy/tenant.entity.js';
import { MembershipSchema } from './tenancy/membership.entity.js';
import { UserSchema } from './identity/user.entity.js';
import { TaskSchema } from './tasks/task.entity.js';

export const entities = [TenantSchema, MembershipSchema, UserSchema, TaskSchema];
