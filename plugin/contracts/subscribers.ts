export type SubscriberStatus = 'pending' | 'subscribed' | 'unsubscribed';

export type ConsentPurpose = 'messaging' | 'broadcasts' | 'email-updates';
export type ConsentAction = 'granted' | 'withdrawn';
export type ConsentMethod =
  'quick-reply' | 'postback' | 'text-keyword' | 'conversation-start' | 'admin';

export interface SubscriberSummary {
  documentId: string;
  pageId: string;
  status: SubscriberStatus;
  /** A short pseudonymous reference, safe to show to anyone who may read subscribers. */
  reference: string;
  lastInteractionAt: string | null;
  createdAt: string;
}
