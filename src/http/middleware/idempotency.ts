/** The HTTP face of src/idempotency: mount `idempotency({ db })` on any POST route. */
export { dbOf, type IdempotencyOptions, idempotency } from '../../idempotency/run.js';
