import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import proto from '@temporalio/proto';
import { HISTORIES_DIR } from './record-history.js';

const { History } = proto.temporal.api.history.v1;
export type History = proto.temporal.api.history.v1.History;

/**
 * Histories are kept as protobuf.js plain objects in JSON (longs, enums and bytes as strings), not in
 * the canonical proto3 JSON: the SDK's own converters (`historyToJSON`/`historyFromJSON`) fail here
 * because @temporalio/common carries a protobufjs major version that does not know @temporalio/proto's
 * types. This form round-trips through @temporalio/proto alone.
 */
export function historyToFile(history: proto.temporal.api.history.v1.IHistory): string {
  return JSON.stringify(History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String }));
}

export function historyFromFile(text: string): History {
  return History.fromObject(JSON.parse(text));
}

export interface RecordedHistory {
  /** The file's name without `.json`: it names the test path the run took. */
  name: string;
  workflowType: string;
  history: History;
}

/** Every history in the folder, in file-name order. */
export function recordedHistories(dir = HISTORIES_DIR): RecordedHistory[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const history = historyFromFile(readFileSync(path.join(dir, file), 'utf8'));
      const workflowType = history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '(no start event)';
      return { name: path.basename(file, '.json'), workflowType, history };
    });
}
