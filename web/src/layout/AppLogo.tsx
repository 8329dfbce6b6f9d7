/** The laoyou mark: an elder and a child side by side. */
export function AppLogo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" role="img" aria-label="laoyou" focusable="false">
      <rect width="64" height="64" rx="14" fill="#1f6feb" />
      <circle cx="24" cy="20" r="7" fill="#fff" />
      <path d="M12 52c0-10 5.4-18 12-18s12 8 12 18z" fill="#fff" />
      <circle cx="44" cy="30" r="5" fill="#ffd166" />
      <path d="M36 52c0-7 3.6-13 8-13s8 6 8 13z" fill="#ffd166" />
    </svg>
  );
}
