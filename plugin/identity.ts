export const PLUGIN_ID = 'messenger-gdpr';

/** Log lines carry this prefix so an operator can filter the plugin's output. */
export const LOG_PREFIX = `[${PLUGIN_ID}]`;

export const CONTENT_TYPES = {
  subscriber: 'plugin::messenger-gdpr.subscriber',
  consent: 'plugin::messenger-gdpr.consent',
  webhookReceipt: 'plugin::messenger-gdpr.webhook-receipt',
  webhookEvent: 'plugin::messenger-gdpr.webhook-event',
  broadcast: 'plugin::messenger-gdpr.broadcast',
  delivery: 'plugin::messenger-gdpr.delivery',
  auditEvent: 'plugin::messenger-gdpr.audit-event',
  outboxMessage: 'plugin::messenger-gdpr.outbox-message',
} as const;

export type ContentTypeName = keyof typeof CONTENT_TYPES;
export type ContentTypeUid = (typeof CONTENT_TYPES)[ContentTypeName];

/** Postback and quick-reply payloads the plugin sends and recognises. */
export const PAYLOADS = {
  subscribe: 'SUBSCRIBE',
  unsubscribe: 'UNSUBSCRIBE',
} as const;
