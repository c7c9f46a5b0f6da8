// Another page (an unanswered order on the Orders page, a payment screen missing its details) can
// hand the lookup form what it already knows: the contact email, and the order number if any.

import { handOver } from "../hand-over";

export interface LookupPrefill {
  email: string | null;
  orderNo: string | null;
}

const lookupPrefill = handOver<LookupPrefill>();

export function prefillLookup(prefill: LookupPrefill): void {
  lookupPrefill.give(prefill);
}

/** What was handed over since the last call, once. */
export function takeLookupPrefill(): LookupPrefill | null {
  return lookupPrefill.take();
}
