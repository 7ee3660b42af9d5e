/**
 * Wording cues of the genre rules, per language, as data. Each list names a general property of
 * a genre (news attributes statements and names officials and days; opinion argues in the first
 * person; promotion and instructions address the reader), never a site or a story. Entries are
 * lower-case whole words or phrases; a trailing `*` matches any ending (`başkan*` matches
 * `başkanı`, `başkanlığı`), which agglutinative languages need. Words that are ambiguous in
 * their language (Turkish `pazar` is both Sunday and market, Urdu `پیر` both Monday and saint)
 * are left out.
 */

/** The cue lists of one language; every list may be empty. */
export interface GenreCues {
  /** Attribution: reporting verbs and "according to" (news). */
  readonly reporting: readonly string[]
  /** Office holders and institutions that news reports about. */
  readonly officials: readonly string[]
  /** Weekdays and "yesterday"/"today": news dates its events relative to publication. */
  readonly timeRefs: readonly string[]
  /** First person singular, and verbs of belief that carry it (opinion, interview answers). */
  readonly firstPerson: readonly string[]
  /** First person plural (interview answers speak for a team or company). */
  readonly firstPersonPlural: readonly string[]
  /** Addressing the reader (promotion, instructions, forums; interview questions). */
  readonly secondPerson: readonly string[]
  /** Buying and prices (shop pages and adverts are `other`). */
  readonly commerce: readonly string[]
  /** Argument and stance markers: "I think", "should", "unfortunately" (opinion). */
  readonly argument: readonly string[]
  /** Link texts that end a teaser ("read more"): a page of teasers is a listing. */
  readonly readMore: readonly string[]
}

/** Cue lists per ISO 639-1 code. */
export const GENRE_CUES: Readonly<Record<string, GenreCues>> = {
  en: {
    reporting: [
      'said', 'says', 'told', 'announced', 'according to', 'stated', 'reported', 'added', 'noted', 'confirmed',
      'declared', 'claimed', 'warned', 'revealed', 'explained', 'urged', 'insisted', 'denied', 'spokesman',
      'spokeswoman', 'spokesperson',
    ],
    officials: [
      'police', 'minister', 'ministry', 'government', 'president', 'officials', 'mayor', 'court', 'parliament',
      'council', 'governor', 'prosecutor',
    ],
    timeRefs: [
      'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today', 'tonight',
      'this week', 'last week',
    ],
    firstPerson: ['i', 'me', 'my', 'mine', 'myself'],
    firstPersonPlural: ['we', 'our', 'ours', 'ourselves'],
    secondPerson: ['you', 'your', 'yours', 'yourself'],
    commerce: ['price', 'prices', 'buy', 'cart', 'shipping', 'discount', 'checkout', 'order now', 'in stock'],
    argument: [
      'i think', 'i believe', 'i feel', 'i would argue', "i'd argue", 'i argue', 'in my view', 'in my opinion',
      'my view', 'to my mind', 'we should', 'we must', 'we need to', 'we ought to', 'should', 'must', 'ought to',
      'it is time', "it's time", 'of course', 'surely', 'frankly', 'clearly', 'obviously', 'arguably',
      'needless to say', 'unfortunately', 'personally', 'honestly', 'i would say', 'my opinion',
    ],
    readMore: ['read more', 'continue reading', 'in detail', 'read on', 'full story'],
  },
  tr: {
    reporting: [
      'dedi', 'söyledi', 'açıkladı', 'açıklamada', 'açıklamasında', 'belirtti', 'belirterek', 'ifade etti',
      'ifade ederek', 'kaydetti', 'bildirdi', 'vurguladı', 'vurgulayarak', 'dile getirdi', 'sözlerine',
    ],
    officials: [
      'başkan*', 'bakan*', 'polis*', 'vali', 'valisi', 'valiliği', 'müdür*', 'hükümet*', 'milletvekili*',
      'belediye*', 'emniyet*', 'mahkeme*', 'meclis*', 'savcı*',
    ],
    timeRefs: ['dün', 'bugün', 'geçtiğimiz', 'pazartesi', 'salı', 'çarşamba', 'perşembe', 'cumartesi'],
    firstPerson: ['ben', 'bence', 'benim', 'bana', 'beni', 'bende', 'kanımca', 'düşünüyorum', 'inanıyorum'],
    firstPersonPlural: ['biz', 'bizim', 'bize', 'bizi', 'bizce'],
    secondPerson: ['siz', 'sizin', 'size', 'sizi', 'sizler'],
    commerce: ['fiyat*', 'sipariş*', 'indirim*', 'satın', 'kargo*', 'ürün*', 'tıkla*'],
    argument: [
      'bence', 'bana göre', 'kanımca', 'bizce', 'düşünüyorum', 'inanıyorum', 'maalesef', 'ne yazık ki', 'gerekir',
      'gerekiyor', 'lazım', 'olmalı', 'olmalıdır', 'elbette', 'tabii ki', 'kesinlikle', 'aslında', 'sanırım',
      'bana kalırsa', 'açıkçası', 'keşke', 'zannediyorum', 'hiç şüphesiz',
    ],
    readMore: ['devamı', 'devamını oku', 'devamı için tıklayın', 'haberin devamı'],
  },
  pt: {
    reporting: [
      'disse', 'afirmou', 'declarou', 'anunciou', 'informou', 'segundo', 'de acordo com', 'explicou', 'destacou',
      'ressaltou', 'confirmou', 'revelou', 'relatou', 'garantiu', 'acrescentou',
    ],
    officials: [
      'polícia', 'prefeito', 'prefeita', 'prefeitura', 'governo', 'ministro', 'ministra', 'ministério', 'presidente',
      'deputado', 'vereador', 'tribunal',
    ],
    timeRefs: [
      'ontem', 'hoje', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado',
      'domingo',
    ],
    firstPerson: ['eu', 'meu', 'minha', 'meus', 'minhas', 'comigo', 'acho', 'creio'],
    firstPersonPlural: ['nós', 'nosso', 'nossa', 'nossos', 'nossas'],
    secondPerson: ['você', 'vocês'],
    commerce: ['preço', 'preços', 'comprar', 'compre', 'frete', 'desconto', 'loja'],
    argument: [
      'acho que', 'na minha opinião', 'creio que', 'penso que', 'infelizmente', 'deveria', 'deveríamos', 'devemos',
      'precisamos', 'é preciso', 'claro que', 'certamente', 'obviamente', 'a meu ver', 'do meu ponto de vista',
      'sem dúvida',
    ],
    readMore: ['leia mais', 'saiba mais', 'continue lendo', 'ler mais'],
  },
  es: {
    reporting: [
      'dijo', 'afirmó', 'declaró', 'anunció', 'informó', 'según', 'de acuerdo con', 'explicó', 'señaló', 'aseguró',
      'indicó', 'destacó', 'agregó', 'añadió', 'confirmó', 'reveló', 'manifestó',
    ],
    officials: [
      'policía', 'gobierno', 'ministro', 'ministra', 'ministerio', 'presidente', 'alcalde', 'alcaldesa', 'diputado',
      'tribunal',
    ],
    timeRefs: ['ayer', 'hoy', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'],
    firstPerson: ['yo', 'mi', 'mis', 'conmigo', 'creo', 'pienso'],
    firstPersonPlural: ['nosotros', 'nosotras', 'nuestro', 'nuestra', 'nuestros', 'nuestras'],
    secondPerson: ['usted', 'ustedes', 'tu', 'tus'],
    commerce: ['precio', 'precios', 'comprar', 'compra', 'envío', 'descuento', 'tienda'],
    argument: [
      'creo que', 'en mi opinión', 'pienso que', 'lamentablemente', 'debería', 'deberíamos', 'debemos',
      'necesitamos', 'hay que', 'claro que', 'sin duda', 'obviamente', 'a mi juicio', 'desde mi punto de vista',
      'a mi parecer', 'sinceramente',
    ],
    readMore: ['leer más', 'seguir leyendo', 'ver más', 'más información'],
  },
  ar: {
    reporting: [
      'قال', 'وقال', 'قالت', 'وقالت', 'أضاف', 'وأضاف', 'أضافت', 'وأضافت', 'أكد', 'وأكد', 'أكدت', 'وأكدت', 'أعلن',
      'وأعلن', 'أعلنت', 'وأعلنت', 'صرح', 'وصرح', 'بحسب', 'وفقا', 'وفقًا', 'ذكرت', 'وذكرت', 'أشار', 'وأشار', 'أشارت',
      'وأشارت', 'أفاد', 'وأفاد', 'أفادت', 'وأفادت', 'أوضح', 'وأوضح',
    ],
    officials: ['وزير', 'وزارة', 'الشرطة', 'الحكومة', 'رئيس', 'محافظ', 'المتحدث', 'مجلس'],
    timeRefs: ['أمس', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'السبت'],
    firstPerson: ['أنا', 'رأيي', 'أعتقد', 'أظن'],
    firstPersonPlural: ['نحن'],
    secondPerson: ['أنت', 'أنتم', 'لك'],
    commerce: ['سعر', 'أسعار', 'شراء', 'اشتري', 'خصم'],
    argument: ['أعتقد', 'في رأيي', 'برأيي', 'من وجهة نظري', 'أرى أن', 'يجب', 'ينبغي', 'لا بد', 'للأسف', 'بالتأكيد'],
    readMore: ['اقرأ المزيد', 'اقرأ أيضا', 'المزيد'],
  },
  fa: {
    reporting: [
      'گفت', 'افزود', 'اعلام کرد', 'به گزارش', 'تصریح کرد', 'اظهار کرد', 'اظهار داشت', 'خاطرنشان کرد', 'گزارش داد',
      'بیان کرد', 'خبر داد', 'عنوان کرد',
    ],
    officials: [
      'وزیر', 'وزارت', 'پلیس', 'دولت', 'رئیس', 'فرمانده', 'استاندار', 'فرماندار', 'سخنگوی', 'مجلس', 'دادستان',
    ],
    timeRefs: ['دیروز', 'امروز', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه'],
    firstPerson: ['من', 'به نظر من', 'فکر می‌کنم'],
    firstPersonPlural: ['ما'],
    secondPerson: ['شما'],
    commerce: ['قیمت', 'خرید', 'دانلود', 'تخفیف'],
    argument: ['به نظر من', 'به عقیده من', 'به اعتقاد من', 'فکر می‌کنم', 'باید', 'متأسفانه', 'متاسفانه', 'قطعا'],
    readMore: ['ادامه مطلب', 'بیشتر بخوانید'],
  },
  ur: {
    reporting: ['نے کہا', 'کا کہنا', 'بتایا', 'کے مطابق', 'اعلان کیا'],
    officials: ['وزیر', 'وزارت', 'پولیس', 'حکومت', 'صدر', 'وزیراعظم', 'عدالت'],
    timeRefs: ['گزشتہ', 'منگل', 'بدھ', 'جمعرات', 'اتوار'],
    firstPerson: ['میں نے', 'میرے', 'میری', 'میرا', 'مجھے'],
    firstPersonPlural: ['ہم', 'ہمارے', 'ہماری', 'ہمارا'],
    secondPerson: ['آپ'],
    commerce: ['قیمت', 'خرید'],
    argument: ['میرے خیال', 'میرا خیال', 'میری رائے', 'میری نظر میں', 'چاہیے', 'بدقسمتی', 'افسوس'],
    readMore: ['مزید پڑھیں'],
  },
}

/**
 * Labels that open a question or an answer turn in a transcribed interview, across the
 * languages above (`Q:`, `Soru:`, `Pergunta:`, `سؤال:`...); one-letter forms only with a colon.
 */
export const QUESTION_LABELS: readonly string[] = [
  'q', 'question', 'soru', 's', 'pergunta', 'p', 'pregunta', 'frage', 'f', 'вопрос', 'в', 'سؤال', 'س', 'پرسش', 'سوال',
]

/** Labels that open an answer turn (`A:`, `Cevap:`, `Resposta:`, `جواب:`...). */
export const ANSWER_LABELS: readonly string[] = [
  'a', 'answer', 'cevap', 'yanıt', 'c', 'y', 'resposta', 'r', 'respuesta', 'antwort', 'ответ', 'о', 'جواب', 'ج', 'پاسخ',
]
