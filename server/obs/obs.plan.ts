import type { LiveView, Phase, Speaker, ViewItem } from '../../shared/index.js';

/** What a hall's scene choice needs from its OBS config. */
export interface ScenePlan {
  scenes: Record<Phase, string>;
  privacyScene: string;
}

/** The scene OBS should show, and why (for the console). */
export interface DesiredScene {
  scene: string;
  reason: string;
  /** The privacy scene is asked for this item (do not record / do not stream). */
  privacyItemId?: string;
}

/** Phases in which an item's own `obsScene` replaces the hall's scene. A hold keeps the hold slate. */
const ITEM_SCENE_PHASES: readonly Phase[] = ['talk', 'qa', 'break'];

/** The item whose consent rules apply now: the one on, also while on hold. */
function restrictedBy(view: LiveView): { item: ViewItem; what: string } | null {
  const item = view.now;
  if (!item) return null;
  if (item.doNotRecord) return { item, what: 'do not record' };
  if (item.doNotStream) return { item, what: 'do not stream' };
  return null;
}

/**
 * The program scene a hall's OBS should show, derived from its live view only. In order: an item marked
 * do-not-record or do-not-stream gets the privacy scene (in any phase); in talk, Q&A and break an item's own
 * `obsScene` wins; otherwise the hall's scene for the phase (`idle` is "starting soon").
 */
export function desiredScene(view: LiveView, plan: ScenePlan): DesiredScene {
  const restricted = restrictedBy(view);
  if (restricted) {
    return {
      scene: plan.privacyScene,
      reason: `privacy (${restricted.what}): ${restricted.item.title}`,
      privacyItemId: restricted.item.id,
    };
  }
  if (view.now?.obsScene && ITEM_SCENE_PHASES.includes(view.phase)) {
    return { scene: view.now.obsScene, reason: `${view.phase}: scene of ${view.now.title}` };
  }
  return { scene: plan.scenes[view.phase], reason: `phase ${view.phase}` };
}

/**
 * True while the recording must be paused: the item on now is marked do-not-record or do-not-stream (OBS records
 * its program output, which shows the privacy slate then), and the hall pauses for them.
 */
export function recordingMustPause(view: LiveView, pauseForConsent: boolean): boolean {
  return pauseForConsent && !!(view.now?.doNotRecord || view.now?.doNotStream);
}

/** Names for a chapter or a lower third: "A, B, C et al." (the presenting speaker first). */
export function speakerNames(speakers: readonly Speaker[], max = 3): string {
  const names = speakers.map((s) => s.name);
  return names.length > max ? `${names.slice(0, max).join(', ')} et al.` : names.join(', ');
}

/** The text for the overlay inputs: the presenting speaker with affiliation, then the others by name. */
export function speakerLine(speakers: readonly Speaker[]): string {
  const [first, ...rest] = speakers;
  if (!first) return '';
  const lead = first.affiliation ? `${first.name} (${first.affiliation})` : first.name;
  if (rest.length === 0) return lead;
  return rest.length > 2 ? `${lead}, ${speakerNames(rest, 2)}` : `${lead}, ${rest.map((s) => s.name).join(', ')}`;
}

/** The title and speaker for the OBS text inputs: the item on now; while idle, the coming one; else blank. */
export function overlayText(view: LiveView): { title: string; speaker: string } {
  const item = view.now ?? (view.phase === 'idle' ? view.next : null);
  if (!item) return { title: '', speaker: '' };
  return { title: item.title, speaker: speakerLine(item.speakers) };
}

/** The item a VOD chapter should start for now: the one on, unless it must not be recorded or streamed. */
export function chapterItem(view: LiveView): ViewItem | null {
  if (!view.now || view.now.doNotRecord || view.now.doNotStream) return null;
  return view.now;
}
