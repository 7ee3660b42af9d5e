/**
 * Tells Indonesian from Malaysian Malay by their documented spelling and word-choice
 * differences. eld has no Indonesian: it answers `ms` (the Malay macrolanguage, which ISO 639
 * counts Indonesian under) for both, so this runs only on texts eld called `ms`.
 *
 * The marker words were listed from the standard contrasts between the two varieties (bahwa /
 * bahawa, karena / kerana, -itas / -iti, berbeda / berbeza, uang / wang, month and day names...)
 * before the evaluation files were scored, and were not tuned on them; a word both varieties use
 * commonly (tidak, sudah, pemikiran...) is never a marker. One word was dropped after the first
 * measurement because it is a plain mistake: `pejabat` is "office" in Malaysia but "official" in
 * Indonesia.
 */

/** Words that, in running text, mark Indonesian rather than Malaysian Malay. */
const INDONESIAN = new Set(
  `bahwa karena yaitu saja bisa mau uang sesudah kemarin besok nomor dokter obat inggris internasional berbagai
  sebagian bagian televisi musik museum olahraga pemilu kabar kendaraan karyawan nggak enggak gak banget dong sih kok
  aja udah gimana kalian silakan prancis jepang sepeda senin kamis jumat juni juli agustus desember maret paham
  pemerintah kantor gratis tanggal pikir berpikir pikiran dipikirkan sadar menyadari kesadaran disadari beda berbeda
  perbedaan membedakan dibedakan coba mencoba dicoba percobaan cobalah justru resmi provinsi kecamatan kabupaten fisika
  listrik teknis kasus pengadilan pengacara kursi tentara majelis konstitusi parlemen kampanye keuangan bisnis persen
  miliar triliun menit`.split(/\s+/),
)

/** Words that mark Malaysian Malay (the Malaysian forms of the pairs above, and words Indonesian lacks). */
const MALAYSIAN = new Set(
  `bahawa kerana iaitu sahaja mahu wang selepas semasa manakala sebarang hendaklah sekiranya kenderaan nombor doktor
  ubat inggeris antarabangsa pelbagai sebahagian bahagian televisyen muzik muzium filem akhbar sukan mesyuarat
  kakitangan pertubuhan syarikat warganegara isnin khamis jumaat ahad julai ogos disember faham percuma tarikh
  kemaskini fikir berfikir fikiran sedar menyedari kesedaran disedari beza berbeza perbezaan membezakan dibezakan cuba
  mencuba dicuba percubaan cubalah khabar justeru rasmi kaedah fizik elektrik teknikal ianya bersetuju mengekalkan
  perisian baharu kedua-dua ketiga-tiga kes mahkamah peguam kerusi tentera majlis perlembagaan parlimen kempen kewangan
  perniagaan peratus bilion trilion minit universiti kualiti aktiviti komuniti fasiliti identiti kapasiti realiti
  majoriti minoriti prioriti integriti kreativiti produktiviti sekuriti autoriti personaliti mentaliti komoditi`.split(/\s+/),
)

/** A word: letters, with inner hyphens kept so reduplications (`kedua-dua`) stay whole. */
const WORD = /\p{L}+(?:-\p{L}+)*/gu

/**
 * Which Malay variety a text is written in: `id` or `ms` when its marker words lean one way,
 * undefined when they are absent or balanced (the text gives no evidence either way). Indonesian
 * loan words end in -itas (kualitas, universitas) where Malaysian ones end in -iti, and Malaysian
 * -syen (televisyen, komisyen) is -si in Indonesian.
 */
export function malayVariety(text: string): 'id' | 'ms' | undefined {
  let indonesian = 0
  let malaysian = 0
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0]
    if (INDONESIAN.has(word) || (word.length >= 7 && word.endsWith('itas'))) indonesian++
    else if (MALAYSIAN.has(word) || (word.length >= 6 && word.endsWith('syen'))) malaysian++
  }
  if (indonesian > malaysian) return 'id'
  if (malaysian > indonesian) return 'ms'
  return undefined
}
