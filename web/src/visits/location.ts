/**
 * Asks the browser once for where the worker is, for a door visit only. Resolves null when the worker declines,
 * the phone cannot tell, or it takes too long: the visit is still recorded (the server flags it `no_location`).
 */
export function locationOnce(timeoutMs = 10_000): Promise<{ lat: number; lng: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    const fallback = window.setTimeout(() => resolve(null), timeoutMs + 1_000);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        window.clearTimeout(fallback);
        resolve({ lat: position.coords.latitude, lng: position.coords.longitude });
      },
      () => {
        window.clearTimeout(fallback);
        resolve(null);
      },
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
