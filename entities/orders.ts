import { belongsTo, defineEntity, f } from 'regis';

export default defineEntity({
  name: 'orders',
  idPrefix: 'ord',
  label: { singular: 'Order', plural: 'Orders' },
  fields: {
    customerId: f.ref('customers', { required: true }),
    status: f.enum(['pending', 'paid', 'shipped', 'cancelled'], { default: 'pending', indexed: true }),
    total: f.decimal(12, 2, { min: 0, default: 0 }),
    notes: f.text(),
  },
  relations: {
    customer: belongsTo('customers', 'customerId'),
  },
});
