/**
 * Stop words (common function words) per language, as data. Natural prose in any language is
 * roughly a third to a half function words, while menus, keyword lists and code have few: the
 * stop-word ratio of Gopher, C4 and FineWeb-style quality filters rests on that. The lists are
 * short on purpose: the most frequent closed-class words of each language, lower-case, as they
 * appear as whole words (Arabic-script clitics such as a leading و are not split off).
 */

/** The lists, one string of space-separated words per ISO 639-1 code. */
const LISTS: Readonly<Record<string, string>> = {
  en:
    'a about above after again against all am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing down during each few for from further had has have having he her here hers ' +
    'herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on ' +
    'once only or other our ours ourselves out over own same she should so some such than that the their theirs them ' +
    'themselves then there these they this those through to too under until up very was we were what when where which ' +
    'while who whom why will with would you your yours yourself yourselves',
  de:
    'aber alle als am an auch auf aus bei bin bis das dass dem den der des die doch du ein eine einem einen einer er es ' +
    'für hat hatte ich ihr im in ist ja kann mit nach nicht noch nur oder sich sie sind so über um und uns von vor war ' +
    'wie wir wird zu zum zur',
  es:
    'a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el él ella ellas ellos en ' +
    'entre era es esa ese eso esta está este esto estos fue ha hay la las le les lo los más me mi mis mucho muy nada ni ' +
    'no nos o otra otro para pero poco por porque que quien se sea ser si sí sin sobre son su sus también tanto te ' +
    'tiene todo todos tu un una uno unos y ya yo',
  fr:
    'à au aux avec ce ces dans de des du elle en est et eux il je la le les leur lui ma mais me même mes moi mon ne nos ' +
    'notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous été être ' +
    'avoir ont sont',
  pt:
    'a à ao aos as às até com como da das de dela dele deles do dos e é ela elas ele eles em entre era essa esse esta ' +
    'este eu foi há isso isto já lhe mais mas me mesmo meu minha muito na não nas nem no nos nós o os ou para pela ' +
    'pelas pelo pelos por qual quando que quem se sem ser seu seus só sua suas também te tem um uma umas uns você',
  tr:
    'acaba ama ancak aslında ayrıca az bazı belki ben bir biri birkaç biz bu bunu bunun çok çünkü da daha de değil diye ' +
    'eğer en gibi hem hep hepsi her hiç için ile ise kadar kez ki kim mı mi mu mü nasıl ne neden nerede niçin niye o ' +
    'olan olarak onlar onu onun önce sanki sen siz sonra şey şu tüm var ve veya ya yani yok',
  ar:
    'في من على إلى عن مع هذا هذه ذلك التي الذي الذين كان كانت أن إن لا ما لم لن قد كل بين بعد قبل ثم أو أي هو هي هم ' +
    'نحن أنا عند حتى إذا كما وقد وهو وهي ولا فيه فيها منه به بها له لها',
  fa:
    'و در به از که این آن را با است برای تا هم یا بر می شد شده بود کرد کند نیز اما اگر هر چه همه خود ما من او آنها ' +
    'هست نه بین پس روی پیش بی',
  ur: 'اور کے کی کا میں ہے ہیں سے کو نے پر یہ وہ تھا تھی تھے بھی کہ جو ایک اس ان لیے ہی تو کر گیا گئی نہیں کیا',
}

/** Stop words per ISO 639-1 code; a language without a list has no stop-word ratio. */
export const STOPWORDS: Readonly<Record<string, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries(LISTS).map(([lang, words]) => [lang, new Set(words.split(' '))]),
)

/** Fewer stop words than this say nothing about the language of a text. */
const MIN_STOPWORD_HITS = 3

/**
 * The language whose stop words cover most of the given (lower-cased) words, or undefined when
 * none covers at least a few: a cheap guess for code that is not told the detected language.
 */
export function stopwordLanguage(words: readonly string[]): string | undefined {
  let best: { lang: string; hits: number } | undefined
  for (const [lang, list] of Object.entries(STOPWORDS)) {
    let hits = 0
    for (const word of words) if (list.has(word)) hits++
    if (hits >= MIN_STOPWORD_HITS && (best === undefined || hits > best.hits)) best = { lang, hits }
  }
  return best?.lang
}
