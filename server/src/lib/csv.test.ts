import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { csvTable, tableCsv, toCsv } from './csv.ts'

const cells = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data

describe('CSV cells a spreadsheet would run (OWASP CSV injection)', () => {
  it('When a text cell starts with = + - @, a tab or a carriage return, then it is written with a leading apostrophe', () => {
    const rows = cells(toCsv(['a'], [['=HYPERLINK("http://x")'], ['+1'], ['-2'], ['@SUM(A1)'], ['\tx'], ['\rx']]))
    expect(rows.slice(1).map((r) => r[0])).toEqual([`'=HYPERLINK("http://x")`, "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx"])
  })

  it('When a formula runs onto a second line, then it is still escaped (papaparse\'s own pattern misses it)', () => {
    expect(cells(toCsv(['a'], [['=1+1\nmore']]))[1]).toEqual(["'=1+1\nmore"])
  })

  it('When a cell is a number, even a negative one, then it stays a number', () => {
    expect(toCsv(['lng', 'days'], [[-1.55, 3]])).toBe('lng,days\r\n-1.55,3')
  })

  it('When a list\'s table is written, then lists become "a; b", nulls empty cells, and the headings come first', () => {
    const table = csvTable<{ name: string; areas: string[]; school: string | null }>('x', [['Name', (r) => r.name], ['Areas', (r) => r.areas], ['School', (r) => r.school]])
    expect(tableCsv(table, [{ name: 'Ann', areas: ['Reading', 'Maths'], school: null }])).toBe('Name,Areas,School\r\nAnn,Reading; Maths,')
  })
})
