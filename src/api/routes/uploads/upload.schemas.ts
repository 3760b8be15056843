import { z } from 'zod';

const wholeNumber = (max: number, name: string) =>
  z.union([z.number(), z.string().trim().regex(/^\d+$/, 'A valid integer is required.').transform(Number)], { error: 'A valid integer is required.' }).pipe(
    z.number().int('A valid integer is required.').min(1, 'Ensure this value is greater than or equal to 1.').max(max, `Ensure ${name} is at most ${max}.`),
  );

export const initUploadBody = z.object({
  fileName: z.string({ error: 'This field is required.' }).trim().min(1, 'This field may not be blank.'),
  fileSize: wholeNumber(Number.MAX_SAFE_INTEGER, 'fileSize'),
  totalChunks: wholeNumber(1_000_000, 'totalChunks'),
});

export const completeUploadBody = z.object({
  uploadId: z.string({ error: 'This field is required.' }),
});
