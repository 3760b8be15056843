import proto from '@temporalio/proto';

/**
 * Histories are stored as protobufjs plain objects (64-bit ids as strings, enums by name, bytes in
 * base64), not as the SDK's historyToJSON form: that conversion needs one protobufjs copy shared by
 * @temporalio/common and @temporalio/proto, and this install gives each its own.
 */
const History = proto.temporal.api.history.v1.History;
export type History = proto.temporal.api.history.v1.IHistory;

export function historyToFile(history: History): string {
  const message = History.fromObject(history as Record<string, unknown>);
  return JSON.stringify(History.toObject(message, { longs: String, enums: String, bytes: String }), null, 1);
}

export function historyFromFile(text: string): History {
  return History.fromObject(JSON.parse(text));
}
