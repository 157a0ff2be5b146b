import proj4 from 'proj4'

/**
 * British National Grid (OSGB36, EPSG:27700) ↔ WGS84 latitude and longitude, as Get Information about
 * Schools gives Easting/Northing. The seven-parameter Helmert transform (towgs84) is OS's published
 * OSGB36 → ETRS89 approximation, good to a few metres across Great Britain.
 */
const BRITISH_NATIONAL_GRID =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs'

const converter = proj4(BRITISH_NATIONAL_GRID, 'WGS84')

export type GridPoint = { easting: number; northing: number }
export type LatLng = { lat: number; lng: number }

/** Easting and northing in metres → latitude and longitude in degrees (6 decimal places, about 10 cm). */
export function gridToLatLng({ easting, northing }: GridPoint): LatLng {
  const [lng, lat] = converter.forward([easting, northing])
  return { lat: round(lat, 6), lng: round(lng, 6) }
}

/** Latitude and longitude in degrees → easting and northing in whole metres, as GIAS writes them. */
export function latLngToGrid({ lat, lng }: LatLng): GridPoint {
  const [easting, northing] = converter.inverse([lng, lat])
  return { easting: Math.round(easting), northing: Math.round(northing) }
}

/** Metres between two points (haversine on a sphere of the Earth's mean radius). */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h))
}

/** Great Britain's grid: anything outside is a typing mistake, not a school. */
export const GRID_LIMITS = { easting: [0, 700_000], northing: [0, 1_300_000] } as const

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places
