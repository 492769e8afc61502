import { describe, expect, it } from 'vitest';
import { permittedRegions, roomsFor, type Principal } from '../../../realtime/auth/scope';

const ALL = ['central', 'east', 'north', 'northeast', 'northwest', 'south', 'southwest'];
const user = (
  role: Principal['role'],
  regionIds: string[] = [],
  technicianId: string | null = null
): Principal => ({
  id: 'u',
  username: 'u',
  role,
  regionIds,
  technicianId
});

describe('who may see which region', () => {
  it('gives national roles every region', () => {
    for (const role of ['admin', 'executive', 'finance'] as const)
      expect(permittedRegions(user(role), ALL)).toEqual(ALL);
  });

  it('gives dispatchers and regional managers only their regions', () => {
    expect(permittedRegions(user('regional_manager', ['north']), ALL)).toEqual(['north']);
    expect(permittedRegions(user('dispatcher', ['east', 'atlantis']), ALL)).toEqual(['east']);
  });

  it('puts a technician only in their own rooms', () => {
    expect(roomsFor(user('technician', ['east'], 'T1'), ALL)).toEqual(['tech:T1', 'user:u']);
  });

  it('puts executives in the national and exec rooms besides every region', () => {
    expect(roomsFor(user('executive'), ALL)).toEqual([
      ...ALL.map((r) => `region:${r}`),
      'scope:all',
      'exec',
      'user:u'
    ]);
  });
});
