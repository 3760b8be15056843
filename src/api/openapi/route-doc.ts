import type { z } from 'zod';

export type SuccessStatus = 200 | 201 | 202 | 204 | 302;

/** One success answer: a JSON schema, or a described body of another media type (CSV, XLSX, HTML). */
export type ResponseDoc = z.ZodType | { description: string; schema?: z.ZodType; contentType?: string };

/** By status; an error status here replaces its family envelope (the health check's 503 is its own body). */
export type SuccessResponses = Partial<Record<SuccessStatus | ErrorStatus, ResponseDoc>>;

/** Error statuses an operation documents besides the ones its shape implies (see `errorStatuses`). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502 | 503;

export interface RouteDoc {
  method: string;
  path: string;
  summary: string;
  tag: string;
  auth: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  contentType?: string;
  responses: SuccessResponses;
  errors?: ErrorStatus[];
  operationId?: string;
  description?: string;
}
