import type { Program } from '../program/schema.js';
import { planCatchUp, type CatchUpChange } from './catch-up.js';
import type { CatchUpRequest } from './commands.js';
import type { ProjectedTime } from './projected.js';
import type { RejectionCode } from './reducer.js';
import { CATCH_UP_PLANS, type CatchUpPlan, type HallState } from './state.js';

/** One plan of a catch-up preview: what it would absorb and the rest of the day after it, or why it cannot. */
export type CatchUpPreview =
  | {
      plan: CatchUpPlan;
      ok: true;
      /** How much of the target's delay the plan absorbs (ms). */
      absorbedMs: number;
      /** How late the target still starts after it (ms, ≥ 0). */
      remainingLateMs: number;
      changes: CatchUpChange[];
      projected: ProjectedTime[];
    }
  | { plan: CatchUpPlan; ok: false; code: RejectionCode; message: string };

/**
 * What `POST …/catch-up/preview` answers: each plan (or only `request.plan`) worked out by `planCatchUp` at `now`,
 * so the chair compares them before one `catchUp` command applies the chosen one. Changes nothing.
 */
export function previewCatchUp(program: Program, state: HallState, request: CatchUpRequest, now: number): CatchUpPreview[] {
  const plans = request.plan ? [request.plan] : CATCH_UP_PLANS;
  return plans.map((plan): CatchUpPreview => {
    const outcome = planCatchUp(program, state, { ...request, plan }, now);
    if (!outcome.ok) return { plan, ok: false, code: outcome.code, message: outcome.message };
    const { absorbedMs, remainingLateMs } = outcome.catchUp;
    return { plan, ok: true, absorbedMs, remainingLateMs, changes: outcome.changes, projected: outcome.projected };
  });
}
