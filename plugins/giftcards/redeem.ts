import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Queryable } from 'regis/plugin';
import type { CreditsApi } from '../credits/service.js';
import { normaliseCode, toMinor } from './code.js';
import { GIFTCARD_ERRORS } from './errors.js';
import { giftcards } from './schema.js';

export interface Redeemed {
  id: string;
  amountMinor: number;
  balanceMinor: number;
}

/**
 * One conditional UPDATE claims the card (only while unredeemed), then the credit lands in the same
 * transaction: two concurrent redeems of one code cannot both match, and a failed credit un-claims.
 */
export async function redeem(
  db: Db,
  credits: CreditsApi,
  userId: string,
  rawCode: string,
  /** Runs in the redeem's transaction (the audit record commits with it). */
  alsoInTx?: (tx: Queryable, cardId: string) => Promise<void>,
): Promise<Redeemed> {
  const code = normaliseCode(rawCode);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(giftcards)
      .set({ redeemedBy: userId, redeemedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(giftcards.code, code), isNull(giftcards.redeemedAt)))
      .returning({ id: giftcards.id, amount: giftcards.amount });
    const card = claimed[0];
    if (!card) throw GIFTCARD_ERRORS.INVALID_GIFT_CARD();
    const amountMinor = toMinor(card.amount);
    const moved = await credits.credit(userId, amountMinor, {
      reason: 'giftcard',
      reference: `giftcard:${card.id}`,
      tx,
    });
    await alsoInTx?.(tx, card.id);
    return { id: card.id, amountMinor, balanceMinor: moved.balanceMinor };
  });
}
