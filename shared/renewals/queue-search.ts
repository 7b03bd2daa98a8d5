/**
 * The queue's name search (issue #12): a name is found by the beginning of any of its words,
 * folded so that what people type without accents finds the name as written ("novak" finds
 * "Novák", "sahin" finds "Şahin"). A search of several words finds the names that have a word
 * beginning with each of them, in any order.
 */

import type { PageAnchor } from './queue.js';

/**
 * How far a scan of the queue's segments for a search's matches got: the next read starts at
 * page `page` of segment `segment`, from anchor `from`; `done` when every segment is read.
 */
export type MatchScan = { segment: number; page: number; from: PageAnchor | null; done: boolean };

/** Where a scan starts: the first page of the first segment. */
export const SCAN_START: MatchScan = { segment: 0, page: 0, from: null, done: false };

/** Letters that carry no combining mark in Unicode's decomposition, spelled as people type them. */
const PLAIN: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ħ: 'h',
};

/** `text` lower-cased, without diacritics: the form names are compared in. */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ıłđðøßæœþħ]/g, (c) => PLAIN[c] ?? c);
}

/** The folded words of a name (letters and digits; anything else separates words), each once. */
export function nameWords(name: string): string[] {
  return [...new Set(foldName(name).split(/[^\p{L}\p{N}]+/u))].filter((w) => w !== '');
}

/**
 * The words a search looks for, longest first; a word that begins another one of the search is
 * left out (it adds nothing the longer one does not already ask).
 */
export function searchWords(search: string): string[] {
  const words = nameWords(search).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return words.filter((w, i) => !words.slice(0, i).some((longer) => longer.startsWith(w)));
}

/** Whether a name with `words` (nameWords) is found by a search for `wanted` (searchWords). */
export function wordsMatch(words: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((w) => words.some((word) => word.startsWith(w)));
}
