import { defineEntity, f } from 'regis';

export default defineEntity({
  name: 'products',
  idPrefix: 'prd',
  label: { singular: 'Product', plural: 'Products' },
  fields: {
    name: f.string({ required: true, max: 200 }),
    sku: f.string({ required: true, max: 64, unique: true }),
    description: f.text(),
    price: f.decimal(12, 2, { required: true, min: 0 }),
    stock: f.integer({ min: 0, default: 0 }),
    active: f.boolean({ default: true }),
    tags: f.stringArray({ default: [] }),
  },
  search: ['name', 'description'],
  // A catalogue: anyone may browse it without credentials; only the owner (or an admin) changes it.
  access: { read: 'public' },
});
