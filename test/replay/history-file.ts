import proto from '@temporalio/proto';

const { History } = proto.temporal.api.history.v1;

/**
 * Histories are kept as protobuf.js plain objects in JSON (longs, enums and bytes as strings), not in
 * the canonical proto3 JSON: the SDK's own converters (`historyToJSON`/`historyFromJSON`) fail here
 * because @temporalio/common carries a protobufjs major version that does not know @temporalio/proto's
 * types. This form round-trips through @temporalio/proto alone.
 */
export function historyToFile(history: proto.temporal.api.history.v1.IHistory): string {
  return JSON.stringify(History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String }));
}

export function historyFromFile(text: string): proto.temporal.api.history.v1.History {
  return History.fromObject(JSON.parse(text));
}
