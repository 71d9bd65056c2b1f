import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_NAMES,
  CHANNELS,
  DOSSIER_STATES,
  NATIONAL_STATUS,
  WORKFLOWS,
  availableActions,
  checkAction,
  isDossierState,
  isTerminal,
  nextFacts,
  type ActionContext,
  type ActionName,
  type Actor,
  type DossierFacts,
  type DossierState,
  type StaffRole,
} from '../../src/dossiers/workflow/index.js';

const ROLES: StaffRole[] = ['receptionist', 'specialist', 'leader', 'clerk', 'editor', 'unitAdmin', 'provinceAdmin'];
const workflows = Object.values(WORKFLOWS);
const wfArb = fc.constantFrom('standard', 'immediate').map((id) => WORKFLOWS[id]);

const stateArb = fc.constantFrom(...DOSSIER_STATES);
const factsArb: fc.Arbitrary<DossierFacts> = fc.record({
  state: stateArb,
  channel: fc.constantFrom(...CHANNELS),
  stateBeforeSupplement: fc.option(stateArb),
  assignedTo: fc.option(fc.integer({ min: 1, max: 5 })),
  supplementCount: fc.nat(3),
  apologyCount: fc.nat(2),
  rated: fc.boolean(),
});
const actorArb: fc.Arbitrary<Actor> = fc.record({
  userId: fc.integer({ min: 1, max: 5 }),
  roles: fc.subarray(ROLES),
  isApplicant: fc.boolean(),
});
const ctxArb: fc.Arbitrary<ActionContext> = fc.record({
  workingMinutesToDue: fc.option(fc.integer({ min: -5000, max: 5000 })),
  workingDayMinutes: fc.constantFrom(450, 480, 240),
});
/** Someone who may do anything a role or the applicant may (assigned to everything). */
const superActor = (userId: number): Actor => ({ userId, roles: [...ROLES], isApplicant: true });

/** Progress rank: besides 'same' actions, only sendBack and the supplement detour may go backwards. */
const RANK: Record<DossierState, number> = {
  draft: 0, submitted: 1, received: 2, supplementRequested: 2.5, processing: 3, awaitingApproval: 4, resultReady: 5,
  refusedIntake: 9, refused: 6, stopped: 9, withdrawn: 9, returned: 9,
};

describe('workflow properties', () => {
  it('every available action resolves to a valid state, and checkAction agrees', () => {
    fc.assert(
      fc.property(wfArb, factsArb, actorArb, ctxArb, (wf, facts, actor, ctx) => {
        const available = availableActions(facts, wf, actor, ctx);
        for (const action of ACTION_NAMES) {
          const r = checkAction(facts, wf, actor, action, ctx);
          expect(r.ok).toBe(available.includes(action));
          if (r.ok) expect(isDossierState(r.to)).toBe(true);
          else expect(r.message).toMatch(/\S/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('terminal states offer no action except handing back a refusal notice and rating a returned dossier', () => {
    fc.assert(
      fc.property(wfArb, factsArb, actorArb, ctxArb, (wf, facts, actor, ctx) => {
        fc.pre(isTerminal(facts.state));
        const available = availableActions(facts, wf, actor, ctx);
        if (facts.state === 'returned') expect(available.every((a) => a === 'rate')).toBe(true);
        else if (facts.state === 'refused') expect(available.every((a) => a === 'returnResult')).toBe(true);
        else expect(available).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('random walks from draft stay in known states and only go backwards via same/sendBack/supplement', () => {
    const stepArb = fc.record({ actor: fc.integer({ min: 0, max: 4 }), pick: fc.nat(), ctx: ctxArb });
    fc.assert(
      fc.property(wfArb, fc.constantFrom(...CHANNELS), fc.array(stepArb, { maxLength: 40 }), (wf, channel, steps) => {
        const specialistId = 3;
        const actors: Actor[] = [
          { userId: 1, roles: [], isApplicant: true },
          { userId: 2, roles: ['receptionist'], isApplicant: false },
          { userId: specialistId, roles: ['specialist'], isApplicant: false },
          { userId: 4, roles: ['leader'], isApplicant: false },
          { userId: 5, roles: ['clerk'], isApplicant: false },
        ];
        let facts: DossierFacts = {
          state: 'draft', channel, stateBeforeSupplement: null, assignedTo: null, supplementCount: 0, apologyCount: 0, rated: false,
        };
        for (const step of steps) {
          const actor = actors[step.actor]!;
          const available = availableActions(facts, wf, actor, step.ctx);
          if (available.length === 0) continue;
          const action: ActionName = available[step.pick % available.length]!;
          const r = checkAction(facts, wf, actor, action, step.ctx);
          if (!r.ok) throw new Error(`available but refused: ${action}`);
          expect(isDossierState(r.to)).toBe(true);
          const backwards = RANK[r.to] < RANK[facts.state];
          if (backwards) expect(['sendBack', 'requestSupplement', 'supplement']).toContain(action);
          if (r.to === facts.state) expect(['recordVerification', 'apologize', 'rate']).toContain(action);
          if (isTerminal(facts.state)) expect(action).toBe(facts.state === 'refused' ? 'returnResult' : 'rate');
          facts = nextFacts(facts, action, r.to, { actorUserId: actor.userId, assignee: specialistId });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a terminal state stays reachable from every state reached from draft', () => {
    const ctx: ActionContext = { workingMinutesToDue: 5000, workingDayMinutes: 450 };
    for (const wf of workflows) {
      for (const channel of CHANNELS) {
        // breadth-first search over facts with an actor allowed everything
        const start: DossierFacts = {
          state: 'draft', channel, stateBeforeSupplement: null, assignedTo: null, supplementCount: 0, apologyCount: 0, rated: false,
        };
        const key = (f: DossierFacts): string => JSON.stringify([f.state, f.stateBeforeSupplement, f.assignedTo, Math.min(f.supplementCount, 2), f.apologyCount, f.rated]);
        const edges = new Map<string, string[]>();
        const terminalKeys = new Set<string>();
        const queue: DossierFacts[] = [start];
        const seen = new Set([key(start)]);
        while (queue.length > 0) {
          const f = queue.shift()!;
          if (isTerminal(f.state)) terminalKeys.add(key(f));
          const out: string[] = [];
          for (const action of availableActions(f, wf, superActor(3), ctx)) {
            const r = checkAction(f, wf, superActor(3), action, ctx);
            if (!r.ok) continue;
            const n = nextFacts(f, action, r.to, { actorUserId: 3, assignee: 3 });
            n.supplementCount = Math.min(n.supplementCount, 2);
            out.push(key(n));
            if (!seen.has(key(n))) { seen.add(key(n)); queue.push(n); }
          }
          edges.set(key(f), out);
        }
        // every reached node can reach a terminal node
        const canFinish = new Set(terminalKeys);
        let changed = true;
        while (changed) {
          changed = false;
          for (const [k, outs] of edges) {
            if (!canFinish.has(k) && outs.some((o) => canFinish.has(o))) { canFinish.add(k); changed = true; }
          }
        }
        expect([...seen].filter((k) => !canFinish.has(k))).toEqual([]);
        const reachedStates = new Set([...seen].map((k) => (JSON.parse(k) as [string])[0]));
        expect(reachedStates.has('returned')).toBe(true);
      }
    }
  });

  it('national status is defined for every non-draft state, within 1..10', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const code = NATIONAL_STATUS[state];
        if (state === 'draft') expect(code).toBeNull();
        else {
          expect(Number.isInteger(code)).toBe(true);
          expect(code).toBeGreaterThanOrEqual(1);
          expect(code).toBeLessThanOrEqual(10);
        }
      }),
    );
  });
});
