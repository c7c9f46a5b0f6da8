// Another page (an unanswered order on the Orders page) can hand the lookup form the contact
// email it already knows, so the user only has to find the order number.

let pendingEmail: string | null = null;

export function prefillLookupEmail(email: string): void {
  pendingEmail = email;
}

/** The email handed over since the last call, once. */
export function takeLookupPrefill(): string | null {
  const email = pendingEmail;
  pendingEmail = null;
  return email;
}
