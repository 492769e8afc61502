import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';

const closed = { drawerOpen: false, helpOpen: false };
const open = { drawerOpen: true, helpOpen: false };

describe('shortcutFor', () => {
  it('moves down with j and ArrowDown and up with k and ArrowUp', () => {
    expect(shortcutFor({ key: 'j' }, closed)).toEqual({ type: 'move', delta: 1 });
    expect(shortcutFor({ key: 'ArrowDown' }, closed)).toEqual({ type: 'move', delta: 1 });
    expect(shortcutFor({ key: 'k' }, closed)).toEqual({ type: 'move', delta: -1 });
    expect(shortcutFor({ key: 'ArrowUp' }, open)).toEqual({ type: 'move', delta: -1 });
  });

  it('opens with Enter, closes with Escape, toggles the queue with q and the help with ?', () => {
    expect(shortcutFor({ key: 'Enter' }, closed)).toEqual({ type: 'open' });
    expect(shortcutFor({ key: 'Escape' }, open)).toEqual({ type: 'close' });
    expect(shortcutFor({ key: 'q' }, closed)).toEqual({ type: 'toggle-queue' });
    expect(shortcutFor({ key: '?' }, closed)).toEqual({ type: 'help' });
  });

  it('toggles the SLA board with s, even while the drawer is open', () => {
    expect(shortcutFor({ key: 's' }, closed)).toEqual({ type: 'toggle-sla' });
    expect(shortcutFor({ key: 's' }, open)).toEqual({ type: 'toggle-sla' });
    expect(shortcutFor({ key: 's', typing: true }, open)).toBeNull();
  });

  it('picks candidate N with the digits 1 to 9, zero-based', () => {
    expect(shortcutFor({ key: '1' }, open)).toEqual({ type: 'pick', index: 0 });
    expect(shortcutFor({ key: '9' }, open)).toEqual({ type: 'pick', index: 8 });
    expect(shortcutFor({ key: '0' }, open)).toBeNull();
  });

  it('maps a, u and l to assign, unassign and lock while the drawer is open', () => {
    expect(shortcutFor({ key: 'a' }, open)).toEqual({ type: 'assign' });
    expect(shortcutFor({ key: 'u' }, open)).toEqual({ type: 'unassign' });
    expect(shortcutFor({ key: 'l' }, open)).toEqual({ type: 'lock' });
  });

  it('ignores the order actions while no drawer is open', () => {
    for (const key of ['a', 'u', 'l', '1']) expect(shortcutFor({ key }, closed)).toBeNull();
  });

  it('leaves letters alone while the user types a reason, but Escape still closes', () => {
    expect(shortcutFor({ key: 'a', typing: true }, open)).toBeNull();
    expect(shortcutFor({ key: 'j', typing: true }, open)).toBeNull();
    expect(shortcutFor({ key: 'Enter', typing: true }, open)).toBeNull();
    expect(shortcutFor({ key: 'Escape', typing: true }, open)).toEqual({ type: 'close' });
  });

  it('does not take keys pressed with Ctrl, Meta or Alt, so browser shortcuts keep working', () => {
    expect(shortcutFor({ key: 'l', ctrlKey: true }, open)).toBeNull();
    expect(shortcutFor({ key: 'a', metaKey: true }, open)).toBeNull();
    expect(shortcutFor({ key: 'j', altKey: true }, open)).toBeNull();
  });

  it('only closes the help overlay while it is shown', () => {
    const help = { drawerOpen: true, helpOpen: true };
    expect(shortcutFor({ key: 'a' }, help)).toBeNull();
    expect(shortcutFor({ key: 'j' }, help)).toBeNull();
    expect(shortcutFor({ key: '?' }, help)).toEqual({ type: 'help' });
    expect(shortcutFor({ key: 'Escape' }, help)).toEqual({ type: 'close' });
  });
});
