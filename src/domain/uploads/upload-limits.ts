/** How big an upload may be; the API reads them from its environment, the import gets them as input. */
export interface UploadLimits {
  maxFileBytes: number;
  maxChunkBytes: number;
  maxChunks: number;
  /**
   * A tenant's bytes in flight: the declared sizes of its uploads whose chunk files are still held
   * (unfinished, or imported but not yet cleaned up by the housekeeping). Bounds what one tenant keeps on disk.
   */
  maxTenantBytesInFlight: number;
}

const MAX_CHUNKS = 10_000;

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxFileBytes: 5 * 1024 ** 3,
  maxChunkBytes: 50 * 1024 ** 2,
  maxChunks: MAX_CHUNKS,
  // Two files of the largest size may be in flight at once.
  maxTenantBytesInFlight: 10 * 1024 ** 3,
};
