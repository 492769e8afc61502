// The dispatcher's keyboard: one pure function from a key press to an action, so it is tested without a DOM.

export type ShortcutAction =
  | { type: 'move'; delta: 1 | -1 }
  | { type: 'open' }
  | { type: 'pick'; index: number }
  | { type: 'assign' }
  | { type: 'unassign' }
  | { type: 'lock' }
  | { type: 'close' }
  | { type: 'toggle-queue' }
  | { type: 'toggle-sla' }
  | { type: 'help' };

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** True when the key went to a text field, a select or an editable element. */
  typing?: boolean;
}

export interface ShortcutContext {
  drawerOpen: boolean;
  helpOpen: boolean;
}

/** Shown in the help overlay, in this order; `label` is a message key. */
export const SHORTCUT_HELP = [
  { keys: ['j', '↓'], label: 'shortcut.down' },
  { keys: ['k', '↑'], label: 'shortcut.up' },
  { keys: ['Enter'], label: 'shortcut.open' },
  { keys: ['1–9'], label: 'shortcut.pick' },
  { keys: ['a'], label: 'shortcut.assign' },
  { keys: ['u'], label: 'shortcut.unassign' },
  { keys: ['l'], label: 'shortcut.lock' },
  { keys: ['q'], label: 'shortcut.queue' },
  { keys: ['s'], label: 'shortcut.sla' },
  { keys: ['?'], label: 'shortcut.help' },
  { keys: ['Esc'], label: 'shortcut.close' }
] as const;

export function shortcutFor(event: KeyLike, ctx: ShortcutContext): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Escape') return { type: 'close' };
  // Letters typed into the reason field are text, not commands.
  if (event.typing) return null;
  if (ctx.helpOpen) return event.key === '?' ? { type: 'help' } : null;
  switch (event.key) {
    case 'j':
    case 'ArrowDown':
      return { type: 'move', delta: 1 };
    case 'k':
    case 'ArrowUp':
      return { type: 'move', delta: -1 };
    case 'Enter':
      return { type: 'open' };
    case 'q':
      return { type: 'toggle-queue' };
    case 's':
      return { type: 'toggle-sla' };
    case '?':
      return { type: 'help' };
  }
  if (!ctx.drawerOpen) return null;
  if (/^[1-9]$/.test(event.key)) return { type: 'pick', index: Number(event.key) - 1 };
  if (event.key === 'a') return { type: 'assign' };
  if (event.key === 'u') return { type: 'unassign' };
  if (event.key === 'l') return { type: 'lock' };
  return null;
}

/** Whether a key event's target takes text (so single-letter shortcuts must not fire). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
