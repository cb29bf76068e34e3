import { defineEntity, f } from '../registry/define-entity.js';

/**
 * `users`: a read-only view of the auth users (SPEC §2). The table belongs to better-auth, so Regis
 * generates no migration for it. A caller sees only themself; admins see everyone.
 */
export const usersEntity = defineEntity({
  name: 'users',
  idPrefix: 'usr',
  label: { singular: 'User', plural: 'Users' },
  table: 'user',
  owned: false,
  managed: false,
  operations: ['list', 'read'],
  fields: {
    name: f.string({ required: true, max: 200 }),
    email: f.string({ required: true, format: 'email' }),
  },
  access: {
    read: (caller) => (caller === null ? false : caller.isAdmin ? true : { id: caller.userId }),
  },
});
