import { describe, expect, it } from 'vitest';
import {
  ACTION_LABELS,
  ACTION_NAMES,
  CHANNELS,
  DOSSIER_STATES,
  NATIONAL_CHANNEL,
  NATIONAL_STATUS,
  STATE_LABELS,
  STATE_TONE,
  WORKFLOWS,
  actionWarning,
  availableActions,
  checkAction,
  clockRunning,
  isTerminal,
  nextFacts,
  validateWorkflow,
  workflowById,
  type ActionContext,
  type ActionName,
  type Actor,
  type Channel,
  type DossierFacts,
  type DossierState,
} from '../../src/dossiers/workflow/index.js';

const standard = WORKFLOWS.standard;
const immediate = WORKFLOWS.immediate;
const ASSIGNED = 3;

const ACTORS = {
  applicant: { userId: 1, roles: [], isApplicant: true },
  receptionist: { userId: 2, roles: ['receptionist'], isApplicant: false },
  specialistAssigned: { userId: ASSIGNED, roles: ['specialist'], isApplicant: false },
  specialistOther: { userId: 4, roles: ['specialist'], isApplicant: false },
  leader: { userId: 5, roles: ['leader'], isApplicant: false },
  clerk: { userId: 6, roles: ['clerk'], isApplicant: false },
  unitAdmin: { userId: 7, roles: ['unitAdmin'], isApplicant: false },
  editor: { userId: 8, roles: ['editor'], isApplicant: false },
  otherCitizen: { userId: 9, roles: [], isApplicant: false },
} satisfies Record<string, Actor>;
type Kind = keyof typeof ACTORS;
const KINDS = Object.keys(ACTORS) as Kind[];

const farFromDue: ActionContext = { workingMinutesToDue: 10 * 450, workingDayMinutes: 450 };

function facts(state: DossierState, over: Partial<DossierFacts> = {}): DossierFacts {
  return {
    state,
    channel: 'online',
    stateBeforeSupplement: state === 'supplementRequested' ? 'processing' : null,
    assignedTo: ASSIGNED,
    supplementCount: 0,
    apologyCount: 0,
    rated: false,
    ...over,
  };
}

// ---- the expected table, written independently from the brief (not derived from the module) ----
type Who = Kind[];
interface Expect {
  /** state → channels allowed from that state ('any' = every channel) */
  from: Partial<Record<DossierState, Channel[] | 'any'>>;
  to: DossierState | 'same' | 'previous';
  who: Who;
}
const R: Kind = 'receptionist';
const S: Kind = 'specialistAssigned';
const L: Kind = 'leader';
const A: Kind = 'applicant';
const C: Kind = 'clerk';
const inProgress = { received: 'any', supplementRequested: 'any', processing: 'any', awaitingApproval: 'any' } as const;
const EXPECTED: Record<ActionName, Expect> = {
  submit: { from: { draft: ['online'] }, to: 'submitted', who: [A] },
  receive: { from: { submitted: 'any', draft: ['counter', 'post'] }, to: 'received', who: [R] },
  refuseIntake: { from: { submitted: 'any', draft: ['counter', 'post'] }, to: 'refusedIntake', who: [R] },
  requestSupplement: { from: { received: 'any', processing: 'any' }, to: 'supplementRequested', who: [R, S, 'specialistOther'] },
  supplement: { from: { supplementRequested: 'any' }, to: 'previous', who: [A, R] },
  assign: { from: { received: 'any' }, to: 'processing', who: [L, R] },
  recordVerification: { from: { processing: 'any' }, to: 'same', who: [S] },
  submitForApproval: { from: { processing: 'any' }, to: 'awaitingApproval', who: [S] },
  approve: { from: { awaitingApproval: 'any' }, to: 'resultReady', who: [L] },
  sendBack: { from: { awaitingApproval: 'any' }, to: 'processing', who: [L] },
  refuse: { from: { processing: 'any', awaitingApproval: 'any' }, to: 'refused', who: [L] },
  apologize: { from: inProgress, to: 'same', who: [L] },
  stop: { from: inProgress, to: 'stopped', who: [L] },
  withdraw: { from: { submitted: 'any', ...inProgress }, to: 'withdrawn', who: [A, R] },
  returnResult: { from: { resultReady: 'any', refused: 'any' }, to: 'returned', who: [R, C] },
  rate: { from: { returned: 'any' }, to: 'same', who: [A] },
};

function expected(action: ActionName, state: DossierState, channel: Channel, kind: Kind): { code: string } | { to: DossierState } {
  const e = EXPECTED[action];
  const channels = e.from[state];
  if (channels === undefined) return { code: 'WRONG_STATE' };
  if (channels !== 'any' && !channels.includes(channel)) return { code: 'WRONG_CHANNEL' };
  if (!e.who.includes(kind)) {
    return { code: kind === 'specialistOther' && e.who.includes(S) ? 'NOT_ASSIGNED' : 'NOT_ALLOWED' };
  }
  if (e.to === 'same') return { to: state };
  if (e.to === 'previous') return { to: 'processing' }; // facts() records processing as the previous state
  return { to: e.to };
}

describe('standard workflow — every action × state × channel × actor', () => {
  it('the expected table covers every action of the module', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTION_NAMES].sort());
    expect([...new Set(standard.actions.map((r) => r.action))].sort()).toEqual([...ACTION_NAMES].sort());
  });

  describe.each(ACTION_NAMES)('%s', (action) => {
    it.each(DOSSIER_STATES)('from %s', (state) => {
      for (const channel of CHANNELS) {
        for (const kind of KINDS) {
          const got = checkAction(facts(state, { channel }), standard, ACTORS[kind], action, farFromDue);
          const want = expected(action, state, channel, kind);
          const label = `${action} ${state} ${channel} ${kind}`;
          if ('to' in want) {
            expect(got, label).toEqual({ ok: true, to: want.to });
          } else {
            expect(got.ok, label).toBe(false);
            if (!got.ok) {
              expect(got.code, label).toBe(want.code);
              expect(got.message.length, label).toBeGreaterThan(10);
            }
          }
        }
      }
    });
  });

  it('availableActions lists exactly the allowed actions, in workflow order', () => {
    for (const state of DOSSIER_STATES) {
      for (const channel of CHANNELS) {
        for (const kind of KINDS) {
          const want = ACTION_NAMES.filter((a) => 'to' in expected(a, state, channel, kind));
          const got = availableActions(facts(state, { channel }), standard, ACTORS[kind], farFromDue);
          expect(got, `${state} ${channel} ${kind}`).toEqual(want);
        }
      }
    }
  });
});

describe('specific rules', () => {
  const leader = ACTORS.leader;
  it('WRONG_STATE message names the state and the action', () => {
    const r = checkAction(facts('draft'), standard, leader, 'approve', farFromDue);
    expect(r).toEqual({ ok: false, code: 'WRONG_STATE', message: 'Hồ sơ đang ở trạng thái “Bản nháp”, không thể phê duyệt.' });
  });

  it('a second apology is refused', () => {
    const r = checkAction(facts('processing', { apologyCount: 1 }), standard, leader, 'apologize', farFromDue);
    expect(r).toMatchObject({ ok: false, code: 'APOLOGY_ONCE', message: 'Chỉ được hẹn lại ngày trả kết quả một lần.' });
  });

  it('an apology needs at least one working day before the due time', () => {
    const ctx = (m: number | null): ActionContext => ({ workingMinutesToDue: m, workingDayMinutes: 450 });
    const f = facts('processing');
    expect(checkAction(f, standard, leader, 'apologize', ctx(300))).toMatchObject({ ok: false, code: 'APOLOGY_TOO_LATE' });
    expect(checkAction(f, standard, leader, 'apologize', ctx(449))).toMatchObject({ ok: false, code: 'APOLOGY_TOO_LATE' });
    expect(checkAction(f, standard, leader, 'apologize', ctx(450))).toEqual({ ok: true, to: 'processing' });
    expect(checkAction(f, standard, leader, 'apologize', ctx(-10))).toMatchObject({ ok: false, code: 'APOLOGY_TOO_LATE' });
    expect(checkAction(f, standard, leader, 'apologize', ctx(null))).toMatchObject({ ok: false, code: 'APOLOGY_TOO_LATE' });
    expect(checkAction(f, standard, leader, 'apologize', { workingMinutesToDue: 300, workingDayMinutes: 240 })).toEqual({
      ok: true,
      to: 'processing',
    });
  });

  it('refusal only within the deadline', () => {
    const at = (m: number | null): ActionContext => ({ workingMinutesToDue: m, workingDayMinutes: 450 });
    for (const state of ['processing', 'awaitingApproval'] as const) {
      expect(checkAction(facts(state), standard, leader, 'refuse', at(-1))).toMatchObject({ ok: false, code: 'PAST_DEADLINE' });
      expect(checkAction(facts(state), standard, leader, 'refuse', at(0))).toEqual({ ok: true, to: 'refused' });
      expect(checkAction(facts(state), standard, leader, 'refuse', at(null))).toEqual({ ok: true, to: 'refused' });
    }
  });

  it('rating only once', () => {
    expect(checkAction(facts('returned'), standard, ACTORS.applicant, 'rate', farFromDue)).toEqual({ ok: true, to: 'returned' });
    expect(checkAction(facts('returned', { rated: true }), standard, ACTORS.applicant, 'rate', farFromDue)).toMatchObject({
      ok: false,
      code: 'ALREADY_RATED',
    });
  });

  it('supplement returns to the state before the request', () => {
    for (const prev of ['received', 'processing'] as const) {
      const f = facts('supplementRequested', { stateBeforeSupplement: prev });
      expect(checkAction(f, standard, ACTORS.applicant, 'supplement', farFromDue)).toEqual({ ok: true, to: prev });
      expect(checkAction(f, standard, ACTORS.receptionist, 'supplement', farFromDue)).toEqual({ ok: true, to: prev });
    }
    for (const bad of [null, 'draft', 'returned'] as const) {
      const f = facts('supplementRequested', { stateBeforeSupplement: bad });
      expect(checkAction(f, standard, ACTORS.applicant, 'supplement', farFromDue)).toMatchObject({ ok: false, code: 'NO_PREVIOUS_STATE' });
    }
  });

  it('a second supplement request is allowed, with a warning', () => {
    const f = facts('processing', { supplementCount: 1 });
    expect(checkAction(f, standard, ACTORS.specialistAssigned, 'requestSupplement', farFromDue)).toEqual({ ok: true, to: 'supplementRequested' });
    expect(actionWarning(f, 'requestSupplement')).toMatchObject({ code: 'SUPPLEMENT_REPEATED' });
    expect(actionWarning(facts('processing'), 'requestSupplement')).toBeNull();
  });

  it('submit at the counter is refused (WRONG_CHANNEL); receive from an online draft too', () => {
    expect(checkAction(facts('draft', { channel: 'counter' }), standard, ACTORS.applicant, 'submit', farFromDue)).toEqual({
      ok: false,
      code: 'WRONG_CHANNEL',
      message: 'Thao tác “Nộp hồ sơ” ở trạng thái “Bản nháp” chỉ áp dụng cho hồ sơ nộp trực tuyến; hồ sơ này nộp trực tiếp.',
    });
    expect(checkAction(facts('draft', { channel: 'online' }), standard, ACTORS.receptionist, 'receive', farFromDue)).toMatchObject({
      ok: false,
      code: 'WRONG_CHANNEL',
    });
    expect(checkAction(facts('draft', { channel: 'post' }), standard, ACTORS.receptionist, 'receive', farFromDue)).toEqual({
      ok: true,
      to: 'received',
    });
  });

  it('a staff member who is also the applicant acts in either capacity', () => {
    const both: Actor = { userId: 20, roles: ['leader'], isApplicant: true };
    const f = facts('returned');
    expect(checkAction(f, standard, both, 'rate', farFromDue).ok).toBe(true);
    expect(availableActions(facts('awaitingApproval'), standard, both, farFromDue)).toEqual([
      'approve', 'sendBack', 'refuse', 'apologize', 'stop', 'withdraw',
    ]);
  });

  it('a specialist holding several roles acts through any of them', () => {
    const multi: Actor = { userId: 30, roles: ['specialist', 'leader'], isApplicant: false };
    expect(checkAction(facts('processing'), standard, multi, 'submitForApproval', farFromDue)).toMatchObject({ code: 'NOT_ASSIGNED' });
    expect(checkAction(facts('processing', { assignedTo: 30 }), standard, multi, 'submitForApproval', farFromDue).ok).toBe(true);
  });

  it('NOT_ASSIGNED message', () => {
    expect(checkAction(facts('processing'), standard, ACTORS.specialistOther, 'recordVerification', farFromDue)).toEqual({
      ok: false,
      code: 'NOT_ASSIGNED',
      message: 'Hồ sơ được phân công cho chuyên viên khác.',
    });
  });
});

describe('immediate workflow', () => {
  it('receive goes straight to processing and the receiver becomes the assignee', () => {
    const f = facts('draft', { channel: 'counter', assignedTo: null });
    const r = checkAction(f, immediate, ACTORS.receptionist, 'receive', farFromDue);
    expect(r).toEqual({ ok: true, to: 'processing' });
    const after = nextFacts(f, 'receive', 'processing', { actorUserId: ACTORS.receptionist.userId });
    expect(after).toMatchObject({ state: 'processing', assignedTo: ACTORS.receptionist.userId });
    expect(availableActions(after, immediate, ACTORS.receptionist, farFromDue)).toEqual([
      'requestSupplement', 'recordVerification', 'submitForApproval', 'withdraw',
    ]);
    expect(checkAction(after, immediate, { userId: 99, roles: ['receptionist'], isApplicant: false }, 'submitForApproval', farFromDue))
      .toMatchObject({ code: 'NOT_ASSIGNED' });
  });

  it('has no assign step', () => {
    expect(checkAction(facts('received'), immediate, ACTORS.leader, 'assign', farFromDue)).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect(immediate.actions.some((r) => r.action === 'assign')).toBe(false);
  });
});

describe('data', () => {
  it('workflows are valid, versioned and frozen', () => {
    expect(validateWorkflow(standard)).toEqual([]);
    expect(validateWorkflow(immediate)).toEqual([]);
    expect(workflowById('standard')).toBe(standard);
    expect(workflowById('immediate', 1)).toBe(immediate);
    expect(workflowById('immediate', 2)).toBeNull();
    expect(workflowById('toString')).toBeNull();
    expect([standard.version, immediate.version, standard.supplementClock, immediate.supplementClock]).toEqual([1, 1, 'restart', 'restart']);
    expect(Object.isFrozen(standard.actions[0]?.from)).toBe(true);
    const broken = validateWorkflow({
      ...standard,
      actions: [
        { action: 'rate', from: ['draft'], to: 'previous', roles: [], applicant: false },
        { action: 'approve', from: [], to: 'resultReady', roles: ['leader'], applicant: false, channels: [] },
        { action: 'stop', from: ['received'], to: 'stopped', roles: ['leader'], applicant: false },
        { action: 'stop', from: ['received'], to: 'stopped', roles: ['leader'], applicant: false, channels: ['post'] },
      ],
    });
    expect(broken).toEqual([
      "actions[0] (rate): 'previous' is only meaningful from supplementRequested",
      'actions[0] (rate): nobody may perform it',
      'actions[1] (approve): empty from',
      'actions[1] (approve): empty channels',
      'actions[3] (stop): duplicate rule for received / post',
    ]);
  });

  it('labels, tones and national codes', () => {
    expect(STATE_LABELS.resultReady).toBe('Có kết quả, chờ trả');
    expect(ACTION_LABELS.apologize).toBe('Xin lỗi và hẹn lại');
    expect(STATE_TONE.supplementRequested).toBe('amber');
    expect(STATE_TONE.returned).toBe('green');
    expect(STATE_TONE.stopped).toBe('red');
    expect(NATIONAL_STATUS.draft).toBeNull();
    expect(NATIONAL_STATUS.returned).toBe(10);
    expect(NATIONAL_STATUS.withdrawn).toBe(7);
    expect(NATIONAL_CHANNEL).toEqual({ counter: 1, online: 2, post: 3 });
  });

  it('terminal states and the running clock', () => {
    expect(DOSSIER_STATES.filter(isTerminal)).toEqual(['refusedIntake', 'refused', 'stopped', 'withdrawn', 'returned']);
    expect(DOSSIER_STATES.filter(clockRunning)).toEqual(['received', 'processing', 'awaitingApproval', 'resultReady']);
  });
});
