/**
 * The words shown while a part of the SDK loads on demand, and when it could not load (offline,
 * blocked by a proxy or an extension), in English and Spanish (issue 15.3), for the script tag's
 * loader (`src/cdn-loader.ts`), which carries these few words and not the whole vocabulary. The
 * same words are `chunk.*` in `en.ts` and `es.ts` (test/i18n/languages.test.ts checks they agree):
 * the loader's file cannot share a module with the chunks without a second file at start.
 */
export const CHUNK_STRINGS = {
  en: {
    loading: 'Loading…',
    failed: 'This part of the Virtual Clinic could not be loaded. Check the network connection, then choose Try Again.',
    retry: 'Try Again',
  },
  es: {
    loading: 'Cargando…',
    failed: 'No se pudo cargar esta parte de la Clínica Virtual. Revise la conexión y elija Reintentar.',
    retry: 'Reintentar',
  },
} as const;

/** The chunk words of `lang` (a BCP 47 tag such as `es-MX`): Spanish for `es…`, English otherwise. */
export function chunkStrings(lang: string): (typeof CHUNK_STRINGS)['en' | 'es'] {
  return /^es\b/i.test(lang) ? CHUNK_STRINGS.es : CHUNK_STRINGS.en;
}
