/**
 * Errors the plugin raises itself. Each has a stable `name` to branch on and a message that
 * names the subject without ever quoting personal data.
 */
export class MessengerGdprError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A setting or environment variable is missing or malformed; startup stops. */
export class ConfigurationError extends MessengerGdprError {}

export type DecryptionFailure = 'malformed' | 'unknown-key' | 'authentication';

/** An encrypted value could not be opened. Carries the context, never the value. */
export class DecryptionError extends MessengerGdprError {
  readonly reason: DecryptionFailure;
  readonly context: string;
  readonly keyId?: string;

  constructor(
    reason: DecryptionFailure,
    context: string,
    keyId?: string,
    options?: { cause?: unknown },
  ) {
    const detail = {
      malformed: 'is not a valid encrypted value',
      'unknown-key': `was encrypted with key "${keyId}", which is not in MESSENGER_GDPR_KEYS`,
      authentication: `failed authentication with key "${keyId}" (wrong key or tampered value)`,
    }[reason];
    super(`Encrypted field ${context} ${detail}`, options);
    this.reason = reason;
    this.context = context;
    this.keyId = keyId;
  }
}

/** A write that would store personal data in plaintext, or that cannot be encrypted, is refused. */
export class UnsafeWriteError extends MessengerGdprError {}

/** A change to the append-only consent ledger was attempted. */
export class LedgerImmutableError extends MessengerGdprError {}

/** A request names a thing that does not exist. */
export class NotFoundError extends MessengerGdprError {}

/** A request is valid but cannot be carried out in the current state. */
export class ConflictError extends MessengerGdprError {}

/** The caller's role does not allow this, whatever the input. */
export class PermissionError extends MessengerGdprError {}
