// An organisation's editable fields as the API validates them. Imported by the console as well as the API
// (web/src/providers), so it depends on nothing but zod: the edit form and the routes reject a value by the same rule.
import { z } from 'zod';

export const OrganisationName = z.string().trim().min(1).max(200);
/** Only its length here; the check digit is the API's (rules.ts requireValidUscc), answered on the field. */
export const UsccText = z.string().trim().min(1).max(32);
export const ContactPersonName = z.string().trim().min(1).max(100);
export const ContactPhone = z
  .string()
  .trim()
  .regex(/^[0-9+() -]{5,30}$/, 'phone: digits, spaces, + - ( ) only');
export const OrganisationAddress = z.string().trim().min(1).max(300);

/** What a provider may change of its own organisation, and a government user too; null clears a field. */
export const OrganisationContacts = z.object({
  legalPerson: ContactPersonName.nullable().optional(),
  contactName: ContactPersonName.nullable().optional(),
  contactPhone: ContactPhone.nullable().optional(),
  address: OrganisationAddress.nullable().optional(),
});
