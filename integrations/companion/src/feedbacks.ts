import type { CompanionBooleanFeedbackDefinition, CompanionFeedbackDefinitions } from '@companion-module/base';
import { isObsDown, isOnHold, isOverTime, isPhase, isWithin, PHASE_COLOURS } from './feedbacks-logic.js';
import type { Phase } from './lectern-types.js';
import type { VariableInput } from './variables.js';

const WHITE = 0xffffff;
const PHASES: Phase[] = ['idle', 'talk', 'qa', 'break', 'hold', 'ended'];

/** A yes/no feedback without options: its name, the button's colours when it holds, and the test. */
function flag(name: string, bgcolor: number, holds: () => boolean, color = WHITE): CompanionBooleanFeedbackDefinition {
  return { type: 'boolean', name, defaultStyle: { bgcolor, color }, options: [], callback: holds };
}

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
    overTime: flag('Over time', 0xcc0000, () => isOverTime(input())),
    wrapUp: {
      type: 'boolean',
      name: 'Little time left',
      defaultStyle: { bgcolor: 0xe6b800, color: 0x000000 },
      options: [{ type: 'number', id: 'seconds', label: 'At or below (seconds)', default: 120, min: 1, max: 3600 }],
      callback: (feedback) => isWithin(input(), Number(feedback.options.seconds)),
    },
    onHold: flag('On hold', PHASE_COLOURS.hold, () => isOnHold(input())),
    obsDown: flag('OBS down (needs the director token)', 0xcc0000, () => isObsDown(input())),
    hasMessage: flag('A message is on the screens', 0x0059b3, () => Boolean(input().view?.message)),
    disconnected: flag('Not connected to Lectern', 0x660000, () => input().connection !== 'ok'),
  };
}

/** Feedbacks that depend on the clock (re-checked every second); the others change only with a view. */
export const TIMED_FEEDBACKS = ['overTime', 'wrapUp'];
