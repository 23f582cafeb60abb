import { onBeforeUnmount, onMounted } from 'vue';

/** What a key does on the chair panel. */
export type ShortcutAction = 'next' | 'previous' | 'qa' | 'break' | 'hold' | 'extendPlus' | 'extendMinus';

/**
 * The chair panel's keys. A presentation clicker sends PageDown / PageUp (some send arrows or Space),
 * so those drive next and back.
 */
export function shortcutFor(event: Pick<KeyboardEvent, 'key' | 'code'>): ShortcutAction | undefined {
  switch (event.key) {
    case ' ':
    case 'PageDown':
    case 'ArrowRight':
      return 'next';
    case 'PageUp':
    case 'ArrowLeft':
      return 'previous';
    case 'q':
    case 'Q':
      return 'qa';
    case 'b':
    case 'B':
      return 'break';
    case 'h':
    case 'H':
      return 'hold';
    case '+':
    case '=':
      return 'extendPlus';
    case '-':
    case '_':
      return 'extendMinus';
  }
  if (event.code === 'NumpadAdd') return 'extendPlus';
  if (event.code === 'NumpadSubtract') return 'extendMinus';
  return undefined;
}

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * Calls `run` for the panel's keys, except while typing, while a sheet is open, with a modifier held, or for
 * a key held down (auto-repeat would advance the hall several times).
 */
export function useShortcuts(run: (action: ShortcutAction) => void): void {
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typingInto(event.target) || document.querySelector('[data-sheet]')) return;
    const action = shortcutFor(event);
    if (!action) return;
    event.preventDefault();
    if (event.repeat) return;
    run(action);
  };
  // A focused button would also take Space as a click (on key up): "next" must not press "back".
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.key === ' ' && !typingInto(event.target) && !document.querySelector('[data-sheet]')) event.preventDefault();
  };
  onMounted(() => {
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKey);
    window.removeEventListener('keyup', onKeyUp);
  });
}
