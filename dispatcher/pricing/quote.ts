// A quote: the order's price as lines that explain every fen. The arithmetic of the steps that
// rules.ts chose happens here, and only here.
import type { Party } from '../settlement/party';
import { assertFen, BP_ONE, mulBp, type Bp, type Fen } from './money';
import type { PriceTable } from './price-table';
import { pricingSteps, type LineKey, type PricingStep, type QuoteFacts } from './rules';

export interface QuoteLine {
  key: LineKey;
  label: string;
  /** What the line is computed on: the fee or unit cost itself, or the labour subtotal before a coefficient. */
  basis: Fen;
  /**
   * amount = basis × factor / 10,000, rounded to the fen with halves up (money.ts `mulBp`), the one
   * rounding of the line: 10,000 for a fee, coefficient − 10,000 for a coefficient (×1.2 → 2,000, a
   * surcharge of 20 % of the basis), quantity × 10,000 for a part.
   */
  factor: Bp;
  amount: Fen;
  /** Parts only: who is paid back the cost. */
  supplier?: Party;
}

export interface Quote {
  tableId: string;
  tableVersion: number;
  itemId: string;
  lines: QuoteLine[];
  /** Σ amounts of the labour lines (everything but parts): what the split shares out. */
  labour: Fen;
  /** Σ amounts of the part lines: paid back to their suppliers. */
  parts: Fen;
  /** labour + parts: the sum of every line. */
  total: Fen;
}

export type QuoteResult = { type: 'quoted'; quote: Quote } | { type: 'unknown-item'; itemId: string };

function lineOf(step: PricingStep, labour: Fen): QuoteLine {
  const { key, label } = step;
  switch (step.type) {
    case 'fee':
      return { key, label, basis: step.amount, factor: BP_ONE, amount: assertFen(step.amount) };
    case 'coefficient':
      // Equal to mulBp(labour, coefficient) − labour: halves-up rounding commutes with whole fen.
      return {
        key,
        label,
        basis: labour,
        factor: step.coefficient - BP_ONE,
        amount: mulBp(labour, step.coefficient - BP_ONE)
      };
    case 'at-cost': {
      const factor = step.quantity * BP_ONE;
      return {
        key,
        label,
        basis: step.unitCost,
        factor,
        amount: mulBp(step.unitCost, factor),
        supplier: step.supplier
      };
    }
  }
}

/** The lines of `steps`, each coefficient on the labour subtotal before it. */
export function priceSteps(steps: readonly PricingStep[]): { lines: QuoteLine[]; labour: Fen; parts: Fen } {
  const lines: QuoteLine[] = [];
  let labour = 0;
  let parts = 0;
  for (const step of steps) {
    const line = lineOf(step, labour);
    lines.push(line);
    if (step.type === 'at-cost') parts = assertFen(parts + line.amount, 'parts');
    else labour = assertFen(labour + line.amount, 'labour');
  }
  return { lines, labour, parts };
}

export function quote(table: PriceTable, facts: QuoteFacts): QuoteResult {
  const chosen = pricingSteps(table, facts);
  if (chosen.type === 'unknown-item') return chosen;
  const { lines, labour, parts } = priceSteps(chosen.steps);
  return {
    type: 'quoted',
    quote: {
      tableId: table.id,
      tableVersion: table.version,
      itemId: facts.itemId,
      lines,
      labour,
      parts,
      total: assertFen(labour + parts, 'total')
    }
  };
}
