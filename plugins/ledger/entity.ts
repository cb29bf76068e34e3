import { defineEntity, f } from 'regis';

/**
 * GET /api/v1/ledger: a user's ledger entries as a read-only entity (SPEC §9 credits), over the
 * `ledger_history` view; each caller lists their own, admins everyone's.
 */
export const ledgerEntity = defineEntity({
  name: 'ledger',
  idPrefix: 'led',
  label: { singular: 'Ledger entry', plural: 'Ledger entries' },
  table: 'ledger_history',
  managed: false,
  operations: ['list', 'read'],
  fields: {
    amountMinor: f.integer({ readOnly: true }),
    balanceAfter: f.integer({ readOnly: true }),
    currency: f.string({ readOnly: true }),
    purpose: f.string({ readOnly: true }),
    reason: f.string({ readOnly: true }),
    reference: f.string({ readOnly: true }),
    transferId: f.string({ readOnly: true }),
  },
});
