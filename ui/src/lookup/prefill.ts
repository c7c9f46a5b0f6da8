// Another page (an unanswered order on the Orders page, a payment screen missing its details) can
// hand the lookup form what it already knows: the contact email, and the order number if any.

export interface LookupPrefill {
  email: string | null;
  orderNo: string | null;
}

let pending: LookupPrefill | null = null;

export function prefillLookup(prefill: LookupPrefill): void {
  pending = prefill;
}

/** What was handed over since the last call, once. */
export function takeLookupPrefill(): LookupPrefill | null {
  const taken = pending;
  pending = null;
  return taken;
}
