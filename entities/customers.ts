import { defineEntity, f, hasMany } from 'regis';

export default defineEntity({
  name: 'customers',
  idPrefix: 'cus',
  label: { singular: 'Customer', plural: 'Customers' },
  fields: {
    name: f.string({ required: true, max: 200 }),
    email: f.string({ required: true, format: 'email', max: 320, unique: true }),
    phone: f.string({ max: 40 }),
    company: f.string({ max: 200 }),
  },
  relations: {
    orders: hasMany('orders', 'customerId'),
  },
  search: ['name', 'company'],
});
