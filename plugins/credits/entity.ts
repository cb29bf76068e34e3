import { defineEntity, f } from 'regis';

/** The ledger as a read-only owned entity: a caller lists their own entries, admins everyone's. */
export const ledgerEntity = defineEntity({
  name: 'ledger',
  idPrefix: 'led',
  label: { singular: 'Ledger entry', plural: 'Ledger entries' },
  table: 'ledger_entries',
  managed: false,
  operations: ['list', 'read'],
  fields: {
    amountMinor: f.integer({ readOnly: true }),
    balanceAfter: f.integer({ readOnly: true }),
    reason: f.string({ readOnly: true }),
    reference: f.string({ readOnly: true }),
  },
});
