type Point = { lat: number; lng: number }

const EARTH_RADIUS_KM = 6371

/** Great-circle distance in km, to one decimal place (haversine). */
export function distanceKm(a: Point, b: Point): number {
  const rad = (d: number) => (d * Math.PI) / 180
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return Math.round(2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h))) * 10) / 10
}

/** Null when either side has no school (central team, administrators). */
export function distanceBetween(from: Partial<Point> | null | undefined, to: Partial<Point> | null | undefined): number | null {
  if (from?.lat == null || from.lng == null || to?.lat == null || to.lng == null) return null
  return distanceKm({ lat: from.lat, lng: from.lng }, { lat: to.lat, lng: to.lng })
}
