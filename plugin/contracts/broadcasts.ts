import type { BroadcastInput } from '../validation';

export type BroadcastStatus = 'draft' | 'sending' | 'completed' | 'halted';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';

export interface DeliveryCounts {
  total: number;
  pending: number;
  sent: number;
  delivered: number;
  read: number;
  skipped: number;
  failed: number;
}

export interface BroadcastSummary {
  documentId: string;
  title: string;
  text: string;
  pageId: string;
  status: BroadcastStatus;
  haltReason: string | null;
  counts: DeliveryCounts;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
}

export interface DeliveryResult {
  subscriberRef: string;
  status: DeliveryStatus;
  reason: string | null;
  graphErrorCode: number | null;
  graphErrorSubcode: number | null;
  attempts: number;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
}

export type CreateBroadcastRequest = BroadcastInput & { send?: boolean };

export interface BroadcastResponse {
  data: BroadcastSummary;
}

export interface ListBroadcastsResponse {
  data: BroadcastSummary[];
}

export interface BroadcastDeliveriesResponse {
  data: DeliveryResult[];
}

/** Who a broadcast would reach now, shown before an editor confirms sending. */
export interface BroadcastAudience {
  pageId: string;
  /** Subscribed people of the Page: one delivery each. */
  subscribed: number;
  /** Of those, the ones who wrote within the messaging window: the ones it can reach. */
  withinWindow: number;
  windowHours: number;
}

export interface BroadcastAudienceResponse {
  data: BroadcastAudience;
}
