/** A small TTL map with a size cap (oldest evicted first): verified keys live here briefly. */
export class TtlCache<V> {
  private readonly map = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 10_000,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    if (hit.expires <= now) {
      this.map.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, { value, expires: now + this.ttlMs });
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  /** Drops every entry whose value matches (e.g. all cached lookups of a revoked key id). */
  deleteWhere(pred: (value: V) => boolean): void {
    for (const [k, v] of this.map) if (pred(v.value)) this.map.delete(k);
  }
}
