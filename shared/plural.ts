/**
 * Plural forms by the language's own rules (Intl.PluralRules), for the texts outside the
 * client's catalogues (exports): Finnish, English and Swedish need `one` and `other`, other
 * languages more (`few`, `many`, …), so a form is picked by category, never by `count === 1`.
 */

export type PluralCategory = Intl.LDMLPluralRule

/** The forms of one phrase by plural category; `other` is the fallback every language has. */
export type PluralForms = { readonly [category in PluralCategory]?: string } & { readonly other: string }

// One Intl.PluralRules per language: constructing one costs far more than a select().
const rulesByLocale = new Map<string, Intl.PluralRules>()

export function pluralCategory(locale: string, count: number): PluralCategory {
  let rules = rulesByLocale.get(locale)
  if (!rules) rulesByLocale.set(locale, (rules = new Intl.PluralRules(locale)))
  return rules.select(count)
}

/** The categories a language's messages must give (e.g. ['one', 'other'] for 'sv'). */
export function pluralCategories(locale: string): PluralCategory[] {
  return new Intl.PluralRules(locale).resolvedOptions().pluralCategories
}

/** The form for `count`, with `#` replaced by the number: plural('fi', 2, {one: '# lappu', other: '# lappua'}). */
export function plural(locale: string, count: number, forms: PluralForms): string {
  return (forms[pluralCategory(locale, count)] ?? forms.other).replaceAll('#', String(count))
}
