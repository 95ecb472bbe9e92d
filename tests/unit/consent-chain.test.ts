import { chainLink, type LedgerFields, ledgerHash } from '../../server/src/consent/chain';

const row: LedgerFields = {
  subjectKey: 'a'.repeat(64),
  purpose: 'broadcasts',
  action: 'granted',
  policyVersion: '2026-01',
  method: 'quick-reply',
  eventTime: 1767225660000,
  receiptId: 4,
  eventPath: 'entry[0].messaging[0]',
  evidence: 'signed-receipt',
  adminUserId: null,
  previousHash: null,
};

describe('consent ledger hash chain', () => {
  it('is stable for the same fields', () => {
    expect(ledgerHash(row)).toBe(ledgerHash({ ...row }));
    expect(ledgerHash(row)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(Object.keys(row) as Array<keyof LedgerFields>)('changes when %s changes', (field) => {
    const changed = {
      ...row,
      [field]: field === 'eventTime' || field === 'receiptId' ? 5 : 'other',
    };
    expect(ledgerHash(changed as LedgerFields)).not.toBe(ledgerHash(row));
  });

  it('gives each chain position of a subject one link key', () => {
    expect(chainLink(row.subjectKey, null)).toBe(chainLink(row.subjectKey, null));
    expect(chainLink(row.subjectKey, null)).not.toBe(chainLink(row.subjectKey, ledgerHash(row)));
    expect(chainLink('b'.repeat(64), null)).not.toBe(chainLink(row.subjectKey, null));
  });
});
