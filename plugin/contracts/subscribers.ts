export type SubscriberStatus = 'pending' | 'subscribed' | 'unsubscribed';
export type Reachability = 'reachable' | 'unavailable' | 'blocked';

export type ConsentPurpose = 'messaging' | 'broadcasts' | 'email-updates';
export type ConsentAction = 'granted' | 'withdrawn';
export type ConsentMethod =
  | 'quick-reply'
  | 'postback'
  | 'text-keyword'
  | 'conversation-start'
  | 'notification-stop'
  | 'admin';
export type ConsentEvidence = 'signed-receipt' | 'admin-action' | 'signature-only';

/** Decrypted personal data: only sent to admins with the "read personal data" permission. */
export interface SubscriberPersonalData {
  psid: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface SubscriberSummary {
  documentId: string;
  pageId: string;
  status: SubscriberStatus;
  reachability: Reachability;
  /** A short pseudonymous reference, safe to show to anyone who may read subscribers. */
  reference: string;
  optInSource: string | null;
  lastInteractionAt: string | null;
  createdAt: string;
  personalData: SubscriberPersonalData | null;
}

export type ProofCheck =
  | { verified: true }
  | {
      verified: false;
      reason:
        'hash-mismatch' | 'no-receipt' | 'signature-mismatch' | 'event-mismatch' | 'admin-action';
    };

export interface ConsentHistoryEntry {
  id: number;
  purpose: ConsentPurpose;
  action: ConsentAction;
  method: ConsentMethod;
  policyVersion: string | null;
  eventTime: string;
  evidence: ConsentEvidence;
  hash: string;
  previousHash: string | null;
  proof: ProofCheck;
}

export interface SubscriberDelivery {
  broadcastTitle: string;
  status: string;
  reason: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
}

export interface SubscriberDetail extends SubscriberSummary {
  consent: ConsentHistoryEntry[];
  deliveries: SubscriberDelivery[];
}

export interface ListSubscribersQuery {
  /** A PSID, an email (found through their blind indexes) or a `sub_…` reference. */
  search?: string;
  status?: SubscriberStatus;
  pageId?: string;
  page?: number;
  pageSize?: number;
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface ListSubscribersResponse {
  data: SubscriberSummary[];
  pagination: Pagination;
  /** Whether the caller may see personal data; the page shows or hides the columns by it. */
  canReadPersonalData: boolean;
}

export interface SubscriberResponse {
  data: SubscriberDetail;
  canReadPersonalData: boolean;
}
