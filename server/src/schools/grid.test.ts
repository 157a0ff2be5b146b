import { readFileSync } from 'node:fs'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { distanceMetres, gridToLatLng, latLngToGrid } from './grid.ts'

/**
 * 20 open schools of ../shared/data/schools-england.csv (every ~1,200th, London to Cornwall to Cumbria),
 * each with the Ordnance Survey Code-Point Open easting/northing of its postcode (the 2020 release in
 * datawookie/blimey data-raw/postal-code/, the very grid figures the DfE data set's lat/lng were made from).
 * So the test compares our conversion of OS's grid figures with the published latitude and longitude.
 */
type Point = { urn: string; name: string; postcode: string; easting: string; northing: string; lat: string; lng: string }
const POINTS = Papa.parse<Point>(readFileSync(new URL('../../test/fixtures/codepoint-20.csv', import.meta.url), 'utf8'), { header: true, skipEmptyLines: true }).data

describe('British National Grid ↔ latitude and longitude', () => {
  it('has 20 schools to check against', () => expect(POINTS).toHaveLength(20))

  it.each(POINTS)('$name ($postcode): Easting/Northing converts to the published lat/lng within 5 m', (p) => {
    const ours = gridToLatLng({ easting: Number(p.easting), northing: Number(p.northing) })
    expect(distanceMetres(ours, { lat: Number(p.lat), lng: Number(p.lng) })).toBeLessThan(5)
  })

  it.each(POINTS)('$name ($postcode): the published lat/lng converts back to the OS Easting/Northing within 5 m', (p) => {
    const { easting, northing } = latLngToGrid({ lat: Number(p.lat), lng: Number(p.lng) })
    expect(Math.hypot(easting - Number(p.easting), northing - Number(p.northing))).toBeLessThan(5)
  })

  it('measures distance: one degree of latitude is about 111 km', () => {
    expect(distanceMetres({ lat: 52, lng: -1 }, { lat: 53, lng: -1 })).toBeCloseTo(111_195, -2)
  })
})
