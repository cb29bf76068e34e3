import autocannon from 'autocannon';

export interface Target {
  method: 'GET' | 'POST' | 'PATCH';
  /** Rotated per request (READ and PATCH walk over many ids, not one hot row). */
  paths: string[];
  body?: string;
  headers?: Record<string, string>;
}

export interface Sample {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** One autocannon run: req/s counts 2xx answers only, so errors never inflate a figure. */
export async function runLoad(baseUrl: string, t: Target, seconds: number, connections: number) {
  let i = 0;
  const headers = { ...(t.body ? { 'content-type': 'application/json' } : {}), ...t.headers };
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: t.method,
        headers,
        ...(t.body ? { body: t.body } : {}),
        setupRequest: (req) => ({ ...req, path: t.paths[i++ % t.paths.length] }),
      },
    ],
  });
  return {
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  } satisfies Sample;
}

/** `n` requests one after another; throws with the answer when one is not 2xx. */
export async function runSequential(baseUrl: string, t: Target, n: number): Promise<void> {
  for (let k = 0; k < n; k++) {
    const res = await fetch(baseUrl + t.paths[k % t.paths.length], {
      method: t.method,
      headers: { ...(t.body ? { 'content-type': 'application/json' } : {}), ...t.headers },
      ...(t.body ? { body: t.body } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${t.method} ${t.paths[k % t.paths.length]} → ${res.status} ${text}`);
  }
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
