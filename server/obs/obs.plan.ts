import {
  isBreakItem,
  itemTitle,
  speakerIn,
  type ItemKind,
  type LiveView,
  type Phase,
  type Speaker,
  type ViewItem,
} from '../../shared/index.js';

/** What a hall's scene choice needs from its OBS config. */
export interface ScenePlan {
  scenes: Record<Phase, string>;
  privacyScene: string;
  /** Scenes per item kind (`scenes.kinds`), in talk, Q&A and break; for an onsite-only item in any phase. */
  kindScenes?: Partial<Record<ItemKind, string>>;
  /** The scene for an onsite-only item (`scenes.onsite`); the idle ("starting soon") scene when not given. */
  onsiteScene?: string | undefined;
}

/**
 * The item on now when it is for the people in the venue only and not a break: the stream does not show it. An
 * onsite break (a lunch) keeps the break scene, whose slate already says when the stream goes on.
 */
export function offStreamItem(view: LiveView): ViewItem | null {
  const item = view.now;
  return item && item.audience === 'onsite' && !isBreakItem(item) ? item : null;
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
  const kindScene = view.now ? plan.kindScenes?.[view.now.kind] : undefined;
  const onsite = offStreamItem(view);
  if (onsite) {
    return { scene: kindScene ?? plan.onsiteScene ?? plan.scenes.idle, reason: `onsite only: ${onsite.title}` };
  }
  if (view.now && kindScene && ITEM_SCENE_PHASES.includes(view.phase)) {
    return { scene: kindScene, reason: `${view.phase}: scene of kind ${view.now.kind}` };
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

/**
 * The title and speaker for the OBS text inputs: the item on now; while idle, the coming one; else blank. In
 * `lang` (the hall's stream language, `halls.<id>.streamLanguage`) where the program has a translation.
 */
export function overlayText(view: LiveView, lang?: string): { title: string; speaker: string } {
  // An onsite-only item is never named on the stream: the text carries the coming item, as while idle.
  const item = offStreamItem(view) ? view.next : (view.now ?? (view.phase === 'idle' ? view.next : null));
  if (!item || item.audience === 'onsite') return { title: '', speaker: '' };
  return { title: itemTitle(item, lang).text, speaker: speakerLine(item.speakers.map((s) => speakerIn(s, lang))) };
}

/** The item a VOD chapter should start for now: the one on, unless it must not be recorded or streamed. */
export function chapterItem(view: LiveView): ViewItem | null {
  if (!view.now || view.now.doNotRecord || view.now.doNotStream) return null;
  return view.now;
}
