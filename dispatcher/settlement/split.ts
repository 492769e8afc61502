// How an order's labour is shared between the platform, the partner and the technician: ratios per
// region and partner, with amount tiers that lower (or raise) the platform's rate on larger orders.
import { BP_ONE, type Bp, type Fen } from '../pricing/money';
import { allocate } from './allocate';
import type { PerParty } from './party';

export interface PlatformTier {
  /** The platform's rate applies to the part of the labour from this amount upward. */
  from: Fen;
  platform: Bp;
}

export interface SplitPolicy {
  /** Basis points summing to 10,000; the platform's applies to the labour below the first tier. */
  ratios: PerParty<Bp>;
  /**
   * Ascending by `from`. Like tax brackets, each rate applies only to the part of the labour within its
   * bracket, so crossing a threshold never makes anyone's share jump: a 500.01元 order never pays the
   * technician less than a 499.99元 one. What the platform gives up (or takes) comes from the partner
   * and technician in their ratio to each other.
   */
  platformTiers: PlatformTier[];
}

/**
 * The platform's exact share as a numerator over 10,000: Σ over the brackets of (the labour within the
 * bracket) × (the bracket's rate).
 */
export function platformNumerator(labour: Fen, policy: SplitPolicy): number {
  let numerator = 0;
  let rate = policy.ratios.platform;
  let from = 0;
  for (const tier of policy.platformTiers) {
    if (labour <= tier.from) break;
    numerator += (tier.from - from) * rate;
    ({ from, platform: rate } = tier);
  }
  return numerator + (labour - from) * rate;
}

/**
 * The labour's shares, by largest remainder in two rounds: the platform against the rest, then the
 * rest between technician and partner in their ratio. One three-way round would let a larger total pay
 * the technician a fen less (the Alabama paradox: 9 fen at 5/30/65 % gives 0 where 8 fen gave 1); with
 * two parties a round is plain rounding, so every share grows with the labour and each stays within
 * one fen of its exact value. Ties favour the technician, then the rest against the platform.
 */
export function splitLabour(labour: Fen, policy: SplitPolicy): PerParty<Fen> {
  const platformExact = platformNumerator(labour, policy);
  const [rest = 0, platform = 0] = allocate(labour, [labour * BP_ONE - platformExact, platformExact], BP_ONE);
  const { technician: t, partner: p } = policy.ratios;
  const [technician = 0, partner = 0] = allocate(rest, [rest * t, rest * p], t + p);
  return { platform, partner, technician };
}
