import { describe, expect, it } from 'vitest'
import { repeatedTopLevelKeys } from '../../src/readers/repeated-top-level-keys.js'

describe('repeatedTopLevelKeys', () => {
  it('names a key that appears twice at the top level, once however often it repeats', () => {
    expect(repeatedTopLevelKeys('{"id": "first-id", "id": "second-id", "text": "x"}')).toEqual(['id'])
    expect(repeatedTopLevelKeys('{"a":1,"b":2,"a":3,"b":4,"a":5}')).toEqual(['a', 'b'])
  })

  it('finds nothing in an object without repeats, or in one whose repeats are nested', () => {
    expect(repeatedTopLevelKeys('{"id":"a","meta":{"id":"b","id":"c"},"list":[{"id":1},{"id":2}]}')).toEqual([])
    expect(repeatedTopLevelKeys('[1,2,3]')).toEqual([])
    expect(repeatedTopLevelKeys('"id"')).toEqual([])
  })

  it('is not fooled by keys, quotes, braces and commas inside string values', () => {
    const line = JSON.stringify({ id: 'x', text: 'he said \\"id\\": {"id": 1}, "text": [' + '"'.repeat(5) + '\\\\', title: 'a,b:"c"' })
    expect(repeatedTopLevelKeys(line)).toEqual([])
    expect(repeatedTopLevelKeys(line.replace(/}$/, ',"text":"again"}'))).toEqual(['text'])
  })

  it('compares keys after JSON unescaping, as JSON.parse does', () => {
    expect(repeatedTopLevelKeys('{"id":"a","\\u0069d":"b"}')).toEqual(['id'])
  })
})
