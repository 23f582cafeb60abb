import { ref, watch, type Ref } from 'vue';

export interface ServerDraft {
  /** What the field shows: the server's value until the person edits it. */
  text: Ref<string>;
  /** The server's value when it changed under an unsaved edit (another moderator saved); null otherwise. */
  changedElsewhere: Ref<string | null>;
  /**
   * After a save the server accepted, with the text that was sent: the field shows the server's value (normalised),
   * unless the person typed on while the save was on its way; that newer edit stays.
   */
  saved(sent: string): void;
  /** Drop the edit for the server's value. */
  adopt(): void;
}

/**
 * A text field over a value the server owns (a hall's held words). It follows the server's value while the person
 * has not edited it, and keeps their unsaved edit when something else changes: another setting saved a moment
 * before, or another moderator's change, must not wipe what they are typing. When the value itself changed under
 * the edit, `changedElsewhere` says to what, so the person knows a save replaces it.
 */
export function useServerDraft(server: () => string): ServerDraft {
  const text = ref(server());
  const changedElsewhere = ref<string | null>(null);
  let shown = text.value;
  // The source is the string itself, so a new snapshot with the same words changes nothing.
  watch(server, (value) => {
    if (value === shown) return;
    if (text.value === shown) text.value = value;
    else changedElsewhere.value = value;
    shown = value;
  });
  // Typed back to what the server has: nothing left to warn about.
  watch(text, (value) => {
    if (value === shown) changedElsewhere.value = null;
  });
  return {
    text,
    changedElsewhere,
    saved(sent) {
      shown = server();
      if (text.value === sent) text.value = shown;
      // What changed meanwhile was this save itself, not another moderator's.
      changedElsewhere.value = null;
    },
    adopt() {
      shown = server();
      text.value = shown;
      changedElsewhere.value = null;
    },
  };
}
