import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { PlanTerms } from '../../domain/billing/plan-terms.js';
import type { SubscriptionStatus } from '../../domain/billing/subscription-status.js';
import type { PaymentEventKind } from '../../domain/billing/payment-events.js';

/** A payment provider event, already verified and recorded; `eventId` lets the workflow ignore a repeat. */
export interface PaymentEventSignal {
  eventId: string;
  kind: PaymentEventKind;
  paymentId: string | null;
}

export const paymentEventSignal = defineSignal<[PaymentEventSignal]>('paymentEvent');
/** The new plan applies from the next billing period; a pending subscription is confirmed by a free plan. */
export const changePlanSignal = defineSignal<[PlanTerms]>('changePlan');

export interface SubscriptionLiveState {
  status: SubscriptionStatus;
  planId: string;
  cycle: number;
  confirmed: boolean;
  paymentsThisPeriod: number;
  lastPaymentFailed: boolean;
  trialEndsAt: string | null;
  currentPeriodEnd: string | null;
}

export const subscriptionStateQuery = defineQuery<SubscriptionLiveState>('subscriptionState');
