import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/test-app.js';

describe('SPEC §5: GET /api/health', () => {
  it('200 healthy while the database answers, 503 unhealthy after it is closed', async () => {
    const t = await createTestApp();
    const res = await t.request('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'healthy', version: expect.any(String) });
    expect(new Date(res.body.timestamp).toISOString()).toBe(res.body.timestamp);
    await t.close();
    const down = await t.request('/api/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unhealthy', version: expect.any(String) });
    expect(down.text).not.toMatch(/at \w+ \(|ECONN|postgres:\/\//);
  });
});
