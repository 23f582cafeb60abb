import { ref, watch, type Ref } from 'vue';

export interface ServerDraft {
  /** What the field shows: the server's value until the person edits it. */
  text: Ref<string>;
  /** After a save the server accepted: the field shows the server's value (as it normalised it) again. */
  adopt(): void;
}

/**
 * A text field over a value the server owns (a hall's held words). It follows the server's value while the person
 * has not edited it, and keeps their unsaved edit when something else changes: another setting saved a moment
 * before, or another moderator's change, must not wipe what they are typing.
 */
export function useServerDraft(server: () => string): ServerDraft {
  const text = ref(server());
  let shown = text.value;
  // The source is the string itself, so a new snapshot with the same words changes nothing.
  watch(server, (value) => {
    if (text.value === shown) text.value = value;
    shown = value;
  });
  return {
    text,
    adopt() {
      shown = server();
      text.value = shown;
    },
  };
}
