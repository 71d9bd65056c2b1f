import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createApiToken, findUserByUsername } from '../../src/identity/index.js';

describe('dossier JSON API', () => {
  let app: TestApp;
  let reception: string;
  let resident: string;
  const call = (token: string, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.server.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(body ? { payload: body as object } : {}) });
  beforeAll(async () => {
    app = await createTestApp();
    reception = (await createApiToken(app.db, (await findUserByUsername(app.db, 'tumy.tiepnhan'))!.id, 't')).token;
    resident = (await createApiToken(app.db, (await findUserByUsername(app.db, 'congdan'))!.id, 't')).token;
  });
  afterAll(() => app.dispose());

  it('creates, submits online and receives a dossier; repeats with the same Idempotency-Key act once', async () => {
    const created = await call(resident, 'POST', '/api/v1/dossiers', { procedureCode: '1.004873', applicant: { fullName: 'Nguyễn Văn An', phone: '0912345678' } }, { 'idempotency-key': 'create-0001' });
    expect(created.statusCode).toBe(201);
    const draft = created.json() as { ref: string; permittedActions: string[]; state: string };
    expect(draft.state).toBe('draft');
    expect(draft.permittedActions).toEqual(['submit']);
    const again = await call(resident, 'POST', '/api/v1/dossiers', { procedureCode: '1.004873', applicant: { fullName: 'Nguyễn Văn An', phone: '0912345678' } }, { 'idempotency-key': 'create-0001' });
    expect((again.json() as { ref: string }).ref).toBe(draft.ref);

    const submitted = await call(resident, 'POST', `/api/v1/dossiers/${draft.ref}/actions/submit`, {}, { 'idempotency-key': 'submit-0001' });
    expect(submitted.statusCode).toBe(200);
    const code = (submitted.json() as { code: string }).code;
    const receive = () => call(reception, 'POST', `/api/v1/dossiers/${code}/actions/receive`, { feePaid: false }, { 'idempotency-key': 'receive-0001' });
    const r1 = await receive();
    const r2 = await receive();
    expect(r1.statusCode).toBe(200);
    expect(r2.json()).toEqual(r1.json());
    const full = (await call(reception, 'GET', `/api/v1/dossiers/${code}`)).json() as { events: Array<{ action: string }>; nationalStatus: number; nationalChannel: number; permittedActions: string[] };
    expect(full.events.map((e) => e.action)).toEqual(['submit', 'receive']);
    expect(full.nationalStatus).toBe(2);
    expect(full.nationalChannel).toBe(2);
    expect(full.permittedActions).toContain('assign');
  });

  it('answers refusals with problem+json and stable codes', async () => {
    const created = (await call(reception, 'POST', '/api/v1/dossiers', { procedureCode: '1.004873', channel: 'counter', applicant: { fullName: 'Lê Thị Hoa' } })).json() as { ref: string };
    const wrong = await call(reception, 'POST', `/api/v1/dossiers/${created.ref}/actions/approve`, {});
    expect(wrong.statusCode).toBe(409);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json()).toMatchObject({ code: 'WRONG_STATE' });
    const stale = await call(reception, 'POST', `/api/v1/dossiers/${created.ref}/actions/receive`, { expectedVersion: 7 });
    expect(stale.json()).toMatchObject({ status: 409, code: 'STALE_DOSSIER' });
    const bad = await call(reception, 'POST', `/api/v1/dossiers/${created.ref}/actions/refuseIntake`, { reason: '' });
    expect(bad.json()).toMatchObject({ status: 400, code: 'INVALID_PAYLOAD' });
    const unknown = await call(reception, 'POST', `/api/v1/dossiers/${created.ref}/actions/fly`, {});
    expect(unknown.statusCode).toBe(400);
    const badKey = await call(reception, 'POST', `/api/v1/dossiers/${created.ref}/actions/receive`, {}, { 'idempotency-key': 'x' });
    expect(badKey.statusCode).toBe(400);
    const notMine = await call(resident, 'GET', `/api/v1/dossiers/${created.ref}`);
    expect(notMine.statusCode).toBe(404);
    const badApplicant = await call(reception, 'POST', '/api/v1/dossiers', { procedureCode: '1.004873', channel: 'counter', applicant: { fullName: 'A', idNumber: '12' } });
    expect(badApplicant.statusCode).toBe(400);
    expect(badApplicant.json()).toMatchObject({ code: 'INVALID_PARAMETER' });
  });

  it('looks a dossier up publicly, redacted', async () => {
    const created = (await call(reception, 'POST', '/api/v1/dossiers', { procedureCode: '1.004873', channel: 'counter', applicant: { fullName: 'Phan Thị Lụa', phone: '0977000111' } })).json() as { ref: string };
    const received = (await call(reception, 'POST', `/api/v1/dossiers/${created.ref}/actions/receive`, {})).json() as { code: string };
    const open = await app.server.inject(`/api/v1/lookup/${received.code}`);
    expect(open.json()).toMatchObject({ code: received.code, applicantInitials: null, state: 'received' });
    expect(open.body).not.toContain('Phan Thị Lụa');
    const verified = await app.server.inject(`/api/v1/lookup/${received.code}?phoneLast4=0111`);
    expect(verified.json()).toMatchObject({ applicantInitials: 'P. T. L.', resultAvailable: false });
    expect((await app.server.inject('/api/v1/lookup/H42.18202-000000-9999')).statusCode).toBe(404);
  });
});
