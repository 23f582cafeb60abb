import type { CompanionFeedbackDefinitions } from '@companion-module/base';
import { isObsDown, isOnHold, isOverTime, isPhase, isWithin, PHASE_COLOURS } from './feedbacks-logic.js';
import type { Phase } from './lectern-types.js';
import type { VariableInput } from './variables.js';

const WHITE = 0xffffff;
const PHASES: Phase[] = ['idle', 'talk', 'qa', 'break', 'hold', 'ended'];

/** Companion's feedback definitions; `input()` gives the current view and server time. */
export function feedbackDefinitions(input: () => VariableInput): CompanionFeedbackDefinitions {
  return {
    phase: {
      type: 'boolean',
      name: 'Hall is in a phase',
      defaultStyle: { bgcolor: PHASE_COLOURS.talk, color: WHITE },
      options: [
        {
          type: 'dropdown',
          id: 'phase',
          label: 'Phase',
          default: 'talk',
          choices: PHASES.map((id) => ({ id, label: id })),
        },
      ],
      callback: (feedback) => isPhase(input(), String(feedback.options.phase) as Phase),
    },
    phaseColour: {
      type: 'advanced',
      name: 'Phase colour (background in the phase’s colour)',
      options: [],
      callback: () => {
        const phase = input().view?.phase;
        return phase ? { bgcolor: PHASE_COLOURS[phase], color: WHITE } : {};
      },
    },
    overTime: {
      type: 'boolean',
      name: 'Over time',
      defaultStyle: { bgcolor: 0xcc0000, color: WHITE },
      options: [],
      callback: () => isOverTime(input()),
    },
    wrapUp: {
      type: 'boolean',
      name: 'Little time left',
      defaultStyle: { bgcolor: 0xe6b800, color: 0x000000 },
      options: [{ type: 'number', id: 'seconds', label: 'At or below (seconds)', default: 120, min: 1, max: 3600 }],
      callback: (feedback) => isWithin(input(), Number(feedback.options.seconds)),
    },
    onHold: {
      type: 'boolean',
      name: 'On hold',
      defaultStyle: { bgcolor: PHASE_COLOURS.hold, color: WHITE },
      options: [],
      callback: () => isOnHold(input()),
    },
    obsDown: {
      type: 'boolean',
      name: 'OBS down (needs the director token)',
      defaultStyle: { bgcolor: 0xcc0000, color: WHITE },
      options: [],
      callback: () => isObsDown(input()),
    },
    hasMessage: {
      type: 'boolean',
      name: 'A message is on the screens',
      defaultStyle: { bgcolor: 0x0059b3, color: WHITE },
      options: [],
      callback: () => Boolean(input().view?.message),
    },
    disconnected: {
      type: 'boolean',
      name: 'Not connected to Lectern',
      defaultStyle: { bgcolor: 0x660000, color: WHITE },
      options: [],
      callback: () => input().connection !== 'ok',
    },
  };
}

/** Feedbacks that depend on the clock (re-checked every second); the others change only with a view. */
export const TIMED_FEEDBACKS = ['overTime', 'wrapUp'];
