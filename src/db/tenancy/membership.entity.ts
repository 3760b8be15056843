import { defineEntity, p } from '@mikro-orm/core';

import type { Role } from '../../domain/tenancy/roles.js';


export const MembershipSchema = defineEntity({
  name: 'Membership',
  tableName: 'memberships',
  properties: {
    tenantId: p.bigint('number').primary(),
    userId: p.bigint('number').primary(),
    role: p.string().$type<Role>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type Membership = InstanceType<typeof MembershipSchema.class>;
