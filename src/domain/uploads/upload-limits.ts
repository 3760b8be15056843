/** How big an upload may be; the API reads them from its environment, the import gets them as input. */
export interface UploadLimits {
  maxFileBytes: number;
  maxChunkBytes: number;
  maxChunks: number;
}

export const MAX_CHUNKS = 10_000;

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxFileBytes: 5 * 1024 ** 3,
  maxChunkBytes: 50 * 1024 ** 2,
  maxChunks: MAX_CHUNKS,
};
