// A staff member's editable fields as the API validates them. Imported by the console as well as the API
// (web/src/staff), so it depends on nothing but zod: the edit form and the routes reject a value by the same rule.
import { z } from 'zod';

export const StaffName = z.string().trim().min(1).max(100);
export const EmploymentDate = z.iso.date();

/** The fields of an edit besides the facility and role (chosen from lists); null clears the leaving date. */
export const StaffEditFields = z.object({
  name: StaffName.optional(),
  employedFrom: EmploymentDate.optional(),
  /** The last day of employment. */
  employedTo: EmploymentDate.nullable().optional(),
});
