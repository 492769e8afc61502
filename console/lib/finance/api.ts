// Finance's endpoints as typed results.
import { request, type Fetch } from '$lib/api/http';
import type { FinanceSettlementsPage, PartnerView, PayoutsPaid } from '$realtime/contract';

export const fetchSettlements = (f: Fetch, query: string) =>
  request<FinanceSettlementsPage>(f, `/api/finance/settlements?${query}`);

export const fetchPartners = (f: Fetch) => request<PartnerView[]>(f, '/api/partners');

export const markPaid = (f: Fetch, items: { orderId: string; payoutId: string }[], reference: string) =>
  request<PayoutsPaid>(f, '/api/settlements/payouts/paid', {
    method: 'POST',
    body: JSON.stringify({ items, reference })
  });

export const statementHref = (query: string) => `/api/finance/statement.csv?${query}`;
