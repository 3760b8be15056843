import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from './search-attributes.js';

export interface TemporalHandle {
  client: Client;
  connection: Connection;
  namespace: string;
  close(): Promise<void>;
}

export async function connectTemporal(address: string, namespace: string): Promise<TemporalHandle> {
  const connection = await Connection.connect({ address, connectTimeout: '10s' });
  const client = new Client({ connection, namespace });
  return { client, connection, namespace, close: () => connection.close() };
}

const INDEXED_TYPE = {
  Keyword: proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
} as const;

/** Registers the tenant and task-kind search attributes on servers that lack them (production clusters). */
export async function ensureSearchAttributes(handle: TemporalHandle): Promise<void> {
  const existing = await handle.connection.operatorService.listSearchAttributes({ namespace: handle.namespace });
  const missing = Object.entries(SEARCH_ATTRIBUTES).filter(([name]) => !(name in (existing.customAttributes ?? {})));
  if (!missing.length) return;
  await handle.connection.operatorService.addSearchAttributes({
    namespace: handle.namespace,
    searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, INDEXED_TYPE[type]])),
  });
}
