/**
 * Moved to `web/useLive.ts`. This re-export only serves the chair-panel files another branch is rewriting
 * (ChairDesk.vue, console/HallCard.vue, useHallCommands.ts); delete it once they import `web/` directly.
 */
export * from '../../web/useLive.js';
