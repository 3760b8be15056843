import { z } from 'zod';

/** Field shapes many answers share. Timestamps are ISO 8601 strings in JSON. */
export const dateTime = z.iso.datetime({ offset: true });
export const nullableDateTime = dateTime.nullable();
export const json = z.record(z.string(), z.unknown());
