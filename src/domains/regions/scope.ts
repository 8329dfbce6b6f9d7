/** The outermost of a set of region codes: 3406 and 340603 together are just 3406. Codes nest by prefix. */
export function rootsOf(codes: readonly string[]): string[] {
  const sorted = [...new Set(codes)].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const roots: string[] = [];
  for (const code of sorted) if (!roots.some((root) => code.startsWith(root))) roots.push(code);
  return roots.sort();
}
