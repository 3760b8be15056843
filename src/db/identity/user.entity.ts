import { defineEntity, p } from '@mikro-orm/core';

export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    email: p.string(),
    username: p.string(),
    passwordHash: p.string().hidden(),
    firstName: p.string().default(''),
    lastName: p.string().default(''),
    phoneNumber: p.string().nullable(),
    role: p.string().default('user'),
    isActive: p.boolean().default(true),
    emailVerifiedAt: p.datetime().nullable(),
    downloadLimit: p.integer().default(100),
    downloadsUsed: p.integer().default(0),
    activeTenantId: p.bigint('number').nullable(),
    lastLogin: p.datetime().nullable(),
    dateJoined: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export type User = InstanceType<typeof UserSchema.class>;
