/** Where an upload's pieces live in object storage. */
export const chunksPrefix = (tenantId: number, uploadId: string) => `uploads/${tenantId}/${uploadId}/`;
export const chunkKey = (tenantId: number, uploadId: string, index: number) => `${chunksPrefix(tenantId, uploadId)}${index}`;
export const rejectedRowsKey = (tenantId: number, uploadId: string) => `imports/${tenantId}/${uploadId}/rejected.csv`;
/** The name seed 001 answers with: the file as a whole, whatever its chunks. */
export const fileKey = (uploadId: string) => `uploads/${uploadId}.csv`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUploadId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
