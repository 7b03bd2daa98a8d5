import { describe, expect, it } from 'vitest';
import { foldName, nameWords, searchWords, wordsMatch } from './queue-search';

const finds = (name: string, search: string) => wordsMatch(nameWords(name), searchWords(search));

describe('the queue name search', () => {
  it('finds a name typed without its accents', () => {
    expect(finds('Jana Novák', 'novak')).toBe(true);
    expect(finds('Ayşe Şahin', 'sahin')).toBe(true);
    expect(finds('Emre Yılmaz', 'yilmaz')).toBe(true);
    expect(finds('Zoë Łukasik', 'zoe lukasik')).toBe(true);
    expect(finds('Jörg Straße', 'strasse')).toBe(true);
  });

  it('finds a name typed with its accents, in any case', () => {
    expect(finds('Jana Novak', 'NOVÁK')).toBe(true);
    expect(finds('Ayşe Şahin', 'Şahin')).toBe(true);
  });

  it('finds a surname or a first name by its beginning', () => {
    expect(finds('Jana Novák', 'nov')).toBe(true);
    expect(finds('Jana Novák', 'ja')).toBe(true);
    expect(finds('Jana Novák', 'ovak')).toBe(false);
  });

  it('finds several words in any order, each the beginning of a word of the name', () => {
    expect(finds('Customer 1234 Kaya', 'customer 1234')).toBe(true);
    expect(finds('Customer 12345 Kaya', 'customer 1234')).toBe(true);
    expect(finds('Customer 11234 Kaya', 'customer 1234')).toBe(false);
    expect(finds('Jana Novák', 'novak jana')).toBe(true);
    expect(finds('Jana Novák', 'novak petr')).toBe(false);
  });

  it('separates words at punctuation, as names are written', () => {
    expect(nameWords("Seán O'Brien-Smith")).toEqual(['sean', 'o', 'brien', 'smith']);
    expect(finds("Seán O'Brien-Smith", 'obrien')).toBe(false);
    expect(finds("Seán O'Brien-Smith", 'brien')).toBe(true);
  });

  it('looks for the longest words only when one begins another', () => {
    expect(searchWords('nov Novák  n')).toEqual(['novak']);
    expect(searchWords('  ')).toEqual([]);
    expect(foldName('İstanbul')).toBe('istanbul');
  });
});
