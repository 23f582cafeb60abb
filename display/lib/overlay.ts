import { isOnsiteOnly, type LiveView, type ViewItem } from '../../shared/index.js';
import type { HallScene } from './scene.js';

/**
 * A full-frame slate the stream shows instead of the hall (none: the hall's video with graphics on top); `onsite`
 * while an onsite-only item is on (OBS shows its idle scene): when the stream resumes, and with what.
 */
export type OverlaySlate = 'none' | 'break' | 'hold' | 'startingSoon' | 'privacy' | 'onsite' | 'ended';

export interface OverlayScene {
  slate: OverlaySlate;
  /** The talk whose lower third shows now, if any. */
  lowerThird: ViewItem | null;
}

/** The overlay's scene at server time `now`; `lowerThirdMs` is how long the lower third stays after a start. */
export function overlayScene(scene: HallScene | null, view: LiveView | null, now: number, lowerThirdMs: number): OverlayScene {
  if (!scene || !view) return { slate: 'none', lowerThird: null };
  // OBS shows its privacy scene for both: the overlay never names a speaker who did not consent to be recorded.
  if ('item' in scene && (scene.item?.doNotStream || scene.item?.doNotRecord)) return { slate: 'privacy', lowerThird: null };
  switch (scene.kind) {
    case 'item': {
      if (isOnsiteOnly(scene.item)) return { slate: 'onsite', lowerThird: null };
      const startedAt = view.itemStartedAt ?? scene.item.start;
      const since = now - startedAt;
      const show = !scene.qa && scene.item.speakers.length > 0 && since >= 0 && since < lowerThirdMs;
      return { slate: 'none', lowerThird: show ? scene.item : null };
    }
    case 'break':
      return { slate: 'break', lowerThird: null };
    case 'hold':
      return { slate: 'hold', lowerThird: null };
    case 'upNext':
      return { slate: 'startingSoon', lowerThird: null };
    case 'opening':
      return { slate: scene.dayOver ? 'ended' : 'startingSoon', lowerThird: null };
    case 'over':
      return { slate: 'ended', lowerThird: null };
  }
}
