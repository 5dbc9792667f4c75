// snowball-stemmers ships no types: the part used here (the Snowball algorithms, ported to JS)
declare module 'snowball-stemmers' {
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: 'russian' | 'english'): Stemmer;
}
