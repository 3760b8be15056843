import type pg from 'pg';
import { estimateSmsCost, smsPriceFrom } from '../../domain/messaging/pricing.js';
import { notFound } from '../../domain/shared/errors.js';
import { canAct } from '../../domain/campaigns/campaign-status.js';
import type { CampaignRow } from '../../domain/campaigns/campaign-row.js';
import { templateBody } from '../../db/messaging/template-store.js';
import { findCampaign } from '../../db/campaigns/campaign-store.js';
import { checkFields, EDITABLE_FIELDS, fieldsOf, NEW_CAMPAIGN, type CampaignFields, type TemplateBodyLookup } from '../../domain/campaigns/campaign-fields.js';
import { checkTargeting, type TargetSegment } from '../../db/campaigns/audience/targeting.js';
import { countAudience, explain, type AudienceCount } from '../../db/campaigns/audience/audience-count.js';
import { refused, type CampaignControl } from './campaign-control.js';

export interface Estimate {
  count: AudienceCount;
  segments: TargetSegment[];
  estimatedCost: number;
  currency: string;
  explanations: string[];
}

/** Creating, pricing, editing and deleting campaigns; starting and stopping them is `CampaignControl`. */
export class CampaignService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly control: CampaignControl,
  ) {}

  private templateBody(tenantId: number): TemplateBodyLookup {
    return (id) => templateBody(this.pool, tenantId, id);
  }

  /** The dry run: who would receive it and what it would cost, computed as the real send resolves it. */
  async estimate(tenantId: number, input: Partial<CampaignFields>, now = new Date()): Promise<Estimate> {
    const fields = { ...NEW_CAMPAIGN, ...input };
    const text = await checkFields(this.templateBody(tenantId), fields, input, now);
    return this.price(tenantId, fields, text);
  }

  async create(tenantId: number, userId: number, input: Partial<CampaignFields>, now = new Date()): Promise<CampaignRow> {
    const fields: CampaignFields = { ...NEW_CAMPAIGN, ...input };
    const text = await checkFields(this.templateBody(tenantId), fields, input, now, { requireName: true });
    const estimate = await this.price(tenantId, fields, text);
    const { rows } = await this.pool.query<CampaignRow>(
      `insert into campaigns (tenant_id, created_by, ${EDITABLE_FIELDS.join(', ')}, total_recipients, estimated_cost)
       values ($1, $2, ${EDITABLE_FIELDS.map((_, i) => `$${i + 3}`).join(', ')}, $${EDITABLE_FIELDS.length + 3}, $${EDITABLE_FIELDS.length + 4})
       returning *`,
      [tenantId, userId, ...EDITABLE_FIELDS.map((k) => columnValue(fields, k)), estimate.count.eligible, estimate.estimatedCost],
    );
    return rows[0];
  }

  /** Only draft and scheduled campaigns change; a scheduled one learns its new start time or recurrence. */
  async update(tenantId: number, id: number, input: Partial<CampaignFields>, now = new Date()): Promise<CampaignRow> {
    const current = await findCampaign(this.pool, tenantId, id);
    if (!current) throw notFound('Campaign not found.');
    if (!canAct('edit', current.status)) throw refused('edit', current.status);
    if (current.status === 'scheduled' && input.is_recurring !== undefined && input.is_recurring !== current.is_recurring) {
      throw refused('edit', current.status);
    }
    const fields: CampaignFields = { ...fieldsOf(current), ...input };
    const text = await checkFields(this.templateBody(tenantId), fields, input, now);
    const estimate = await this.price(tenantId, fields, text);
    const { rows } = await this.pool.query<CampaignRow>(
      `update campaigns set ${EDITABLE_FIELDS.map((k, i) => `${k} = $${i + 3}`).join(', ')},
              total_recipients = $${EDITABLE_FIELDS.length + 3}, estimated_cost = $${EDITABLE_FIELDS.length + 4}, updated_at = now()
        where id = $1 and tenant_id = $2 and status in ('draft', 'scheduled') and deleted_at is null
        returning *`,
      [id, tenantId, ...EDITABLE_FIELDS.map((k) => columnValue(fields, k)), estimate.count.eligible, estimate.estimatedCost],
    );
    const updated = rows[0];
    if (!updated) throw refused('edit', (await findCampaign(this.pool, tenantId, id))?.status ?? current.status);
    if (input.scheduled_at !== undefined) await this.control.reschedule(updated, now);
    if (input.recurring_schedule !== undefined) await this.control.updateRecurrence(updated);
    return updated;
  }

  /** A soft delete, refused while it runs; its workflow and schedule are stopped first. */
  async delete(tenantId: number, id: number): Promise<void> {
    const current = await findCampaign(this.pool, tenantId, id);
    if (!current) throw notFound('Campaign not found.');
    if (!canAct('delete', current.status)) throw refused('delete', current.status);
    await this.control.stopEverything(current);
    await this.pool.query(`update campaigns set deleted_at = now(), is_active = false, updated_at = now() where id = $1 and tenant_id = $2`, [id, tenantId]);
  }

  private async price(tenantId: number, fields: CampaignFields, text: string): Promise<Estimate> {
    const targeting = { contactIds: fields.target_contact_ids, segmentIds: fields.target_segment_ids, criteria: fields.target_criteria };
    const segments = await checkTargeting(this.pool, tenantId, targeting);
    const [count, tenant] = await Promise.all([
      countAudience(this.pool, tenantId, targeting, segments),
      this.pool.query<{ settings: Record<string, unknown> }>(`select settings from tenants where id = $1`, [tenantId]),
    ]);
    const cost = estimateSmsCost(text, smsPriceFrom(tenant.rows[0]?.settings), count.eligible);
    return { count, segments, estimatedCost: cost.cost, currency: cost.currency, explanations: explain(count) };
  }
}

function columnValue(fields: CampaignFields, key: (typeof EDITABLE_FIELDS)[number]): unknown {
  const value = fields[key];
  return key === 'target_criteria' || key === 'settings' || key === 'recurring_schedule' ? JSON.stringify(value ?? {}) : value;
}
