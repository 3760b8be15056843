import { defineEntity, p } from '@mikro-orm/core';

export const TenantSchema = defineEntity({
  name: 'Tenant',
  tableName: 'tenants',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    name: p.string(),
    slug: p.string().unique(),
    defaultRegion: p.string().default('US'),
    settings: p.json<Record<string, unknown>>().default('{}'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type Tenant = InstanceType<typeof TenantSchema.class>;
