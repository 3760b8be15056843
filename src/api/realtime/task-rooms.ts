/** Socket.IO room names. A user may belong to several tenants, so task events go to the user's room within the task's tenant. */
export const userRoom = (userId: number) => `user:${userId}`;
export const tenantRoom = (tenantId: number) => `tenant:${tenantId}`;
export const tenantUserRoom = (tenantId: number, userId: number) => `tenant:${tenantId}:user:${userId}`;
export const taskRoom = (taskId: string) => `task:${taskId}`;
