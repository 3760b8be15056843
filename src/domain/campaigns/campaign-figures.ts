/**
 * The derived figures of the campaign views, from the counters: pure, so the workflow's query, the
 * REST views and the tests compute them the same way.
 */
export interface CounterFigures {
  total: number;
  processed: number;
  sent: number;
  delivered: number;
  read: number;
}

/** The live figures of a campaign, plain numbers for workflow state, queries and task events. */
export interface CampaignCounts extends CounterFigures {
  failed: number;
  unknown: number;
  skipped: number;
  cancelled: number;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** Share of recipients settled (sent, failed, skipped, unknown or cancelled), whole percent. */
export function progressPercentage(f: Pick<CounterFigures, 'total' | 'processed'>, finished = false): number {
  if (f.total <= 0) return finished ? 100 : 0;
  return Math.min(100, Math.floor((100 * f.processed) / f.total));
}

/** Delivered out of sent, percent with one decimal (seed 004: 720 of 750 → 96.0). */
export const deliveryRate = (f: Pick<CounterFigures, 'sent' | 'delivered'>) => (f.sent > 0 ? oneDecimal((100 * f.delivered) / f.sent) : 0);

/** Read out of delivered (seed 004: 450 of 720 → 62.5). */
export const readRate = (f: Pick<CounterFigures, 'delivered' | 'read'>) => (f.delivered > 0 ? oneDecimal((100 * f.read) / f.delivered) : 0);
