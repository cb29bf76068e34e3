import { RawNumber } from './json.js';

/**
 * Minor units → a JSON number in major units that keeps its decimals (1500 → `15.00`, not `15`), as
 * SPEC §9 answers balances and amounts. Integer arithmetic up to the division, so no float noise.
 */
export function money(minor: number, decimals = 2): RawNumber {
  return new RawNumber((minor / 10 ** decimals).toFixed(decimals));
}
