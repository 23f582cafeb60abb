import type { CompanionButtonPresetDefinition, CompanionPresetDefinitions } from '@companion-module/base';
import { PHASE_COLOURS } from './feedbacks-logic.js';

const WHITE = 0xffffff;
const BLACK = 0x000000;

function button(
  category: string,
  name: string,
  text: string,
  actionId: string | null,
  options: Record<string, unknown> = {},
  feedbacks: CompanionButtonPresetDefinition['feedbacks'] = [],
): CompanionButtonPresetDefinition {
  return {
    type: 'button',
    category,
    name,
    style: { text, size: 'auto', color: WHITE, bgcolor: BLACK },
    feedbacks,
    steps: [{ down: actionId ? [{ actionId, options: options as never }] : [], up: [] }],
  };
}

const CHAIR = 'Chair';
const STREAM = 'Stream operator';
const remainingFeedbacks: CompanionButtonPresetDefinition['feedbacks'] = [
  { feedbackId: 'phaseColour', options: {} },
  { feedbackId: 'wrapUp', options: { seconds: 120 }, style: { bgcolor: 0xe6b800, color: BLACK } },
  { feedbackId: 'overTime', options: {}, style: { bgcolor: 0xcc0000, color: WHITE } },
];

/**
 * Ready buttons: a chair page (15 keys: Next, Back, Q&A, Break, Hold/Release, +1, +5, −1, messages, remaining)
 * and a stream operator page (phase, OBS, on hold, remaining, next). The layout is in docs/companion.md.
 */
export function presetDefinitions(): CompanionPresetDefinitions {
  return {
    chair_next: button(CHAIR, 'Next', 'NEXT ▶', 'next', {}, [
      { feedbackId: 'phase', options: { phase: 'talk' }, style: { bgcolor: PHASE_COLOURS.talk } },
    ]),
    chair_previous: button(CHAIR, 'Back', '◀ BACK', 'previous'),
    chair_qa: button(CHAIR, 'Q&A', 'Q&A', 'qa', {}, [
      { feedbackId: 'phase', options: { phase: 'qa' }, style: { bgcolor: PHASE_COLOURS.qa } },
    ]),
    chair_break: button(CHAIR, 'Break', 'BREAK', 'break', { minutes: 0 }, [
      { feedbackId: 'phase', options: { phase: 'break' }, style: { bgcolor: PHASE_COLOURS.break } },
    ]),
    chair_hold: button(CHAIR, 'Hold / Release', 'HOLD', 'holdToggle', {}, [
      { feedbackId: 'onHold', options: {}, style: { bgcolor: PHASE_COLOURS.hold, text: 'RELEASE' } },
    ]),
    chair_plus1: button(CHAIR, '+1 min', '+1', 'extend', { minutes: 1 }),
    chair_plus5: button(CHAIR, '+5 min', '+5', 'extend', { minutes: 5 }),
    chair_minus1: button(CHAIR, '−1 min', '−1', 'extend', { minutes: -1 }),
    chair_remaining: button(CHAIR, 'Remaining time', '$(lectern:remaining)', null, {}, remainingFeedbacks),
    chair_now: button(CHAIR, 'Title on now', '$(lectern:title)', null, {}, [{ feedbackId: 'phaseColour', options: {} }]),
    chair_msg_wrap: button(CHAIR, 'Message: please wrap up', 'MSG\\nwrap up', 'message', {
      text: 'Please wrap up',
      targets: ['timer'],
    }),
    chair_msg_mic: button(CHAIR, 'Message: microphone', 'MSG\\nmic', 'message', {
      text: 'Please use the microphone',
      targets: ['timer'],
    }),
    chair_msg_delay: button(CHAIR, 'Message: starting shortly', 'MSG\\nshortly', 'message', {
      text: 'Starting shortly',
      targets: [],
    }),
    chair_msg_clear: button(CHAIR, 'Clear the message', 'CLEAR\\nMSG', 'clearMessage', {}, [
      { feedbackId: 'hasMessage', options: {}, style: { bgcolor: 0x0059b3 } },
    ]),
    chair_next_title: button(CHAIR, 'Next item', 'NEXT\\n$(lectern:next_start)', null),

    stream_phase: button(STREAM, 'Hall phase', '$(lectern:phase)', null, {}, [
      { feedbackId: 'phaseColour', options: {} },
      { feedbackId: 'disconnected', options: {}, style: { bgcolor: 0x660000, text: 'LECTERN\\nOFFLINE' } },
    ]),
    stream_obs: button(STREAM, 'OBS status', 'OBS\\n$(lectern:obs)', null, {}, [
      { feedbackId: 'obsDown', options: {}, style: { bgcolor: 0xcc0000 } },
    ]),
    stream_hold: button(STREAM, 'On hold', 'ON HOLD', null, {}, [
      { feedbackId: 'onHold', options: {}, style: { bgcolor: PHASE_COLOURS.hold } },
    ]),
    stream_remaining: button(STREAM, 'Remaining time', '$(lectern:remaining)', null, {}, remainingFeedbacks),
    stream_next: button(STREAM, 'Next item and start', '$(lectern:next_start)\\n$(lectern:next_title)', null),
    stream_delay: button(STREAM, 'Delay', 'LATE\\n$(lectern:delay)', null),
  };
}
