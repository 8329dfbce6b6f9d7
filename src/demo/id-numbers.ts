// Identity numbers for synthetic people: well-formed (address code of the person's county, birth date, sequence whose
// parity gives the sex, check character) and never issued twice in one demo. They are sealed before storage; only
// the loader ever holds them in plain text.
import type { Sex } from '../domains/people/tables.ts';
import { makeIdNumber } from '../shared/id-number.ts';
import type { Random } from './random.ts';

export class IdNumberMint {
  private readonly issued = new Set<string>();

  constructor(private readonly random: Random) {}

  /** Marks a number handed out elsewhere (the family account's person) as taken. */
  reserve(idNumber: string): void {
    this.issued.add(idNumber);
  }

  issue(countyCode: string, birthDate: string, sex: Sex): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      // The 17th digit is odd for men and even for women.
      const sequence = this.random.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
      const idNumber = makeIdNumber(countyCode, birthDate, sequence);
      if (!this.issued.has(idNumber)) {
        this.issued.add(idNumber);
        return idNumber;
      }
    }
    throw new Error(`no free ID number for ${countyCode} ${birthDate}`);
  }
}
