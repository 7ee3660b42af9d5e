/** Six sentences of news prose (about 630 characters), for tests that need an article the rules must not eat. */
export const WATER_LAW_PROSE: readonly string[] = [
  'The regional parliament approved the new water law on Thursday after a debate that lasted most of the week.',
  'Farmers had warned that the law would raise their costs, but the final text gives them five years to adapt.',
  'A fund of forty million euros will pay for new irrigation systems on farms that use the most groundwater.',
  'The environment minister said the law was overdue and that the region had lost a third of its reserves.',
  'Opposition members voted in favour as well, after the government accepted two of their amendments.',
  'The law takes effect in January, and the first inspections of wells are planned for the following summer.',
]
