import { z } from 'zod'

/** The pipeline configuration (`config/pipeline.yaml`): stages' options and where rules live. */
export const pipelineConfigSchema = z
  .object({
    version: z.literal(1),
    rules: z
      .object({
        /** Folders of rule files, relative to the pipeline file; later folders add to earlier ones. */
        directories: z.array(z.string().min(1)).min(1),
        /** Folder of site packs (`<domain>.yaml`), relative to the pipeline file; absent means none. */
        sites: z.string().min(1).optional(),
      })
      .strict(),
    topics: z.string().min(1).describe('topic taxonomy file, relative to the pipeline file'),
    boilerplate: z
      .object({
        minProseCharsBeforeDropFromHere: z.number().int().nonnegative().default(300),
        /**
         * Rule-share safety valve: when the rules would discard more than this share of a
         * document's prose (blocks of 10+ words that end like a sentence, reader comments
         * excluded), their removals of prose are undone and the document is flagged
         * `W_RULES_REMOVED_NEARLY_ALL`.
         */
        maxRuleProseRemovedShare: z.number().min(0).max(1).default(0.95),
        /** The rule-share safety valve applies only to documents with at least this many characters of prose. */
        minProseCharsForRuleShareValve: z.number().int().nonnegative().default(500),
        excerptChars: z.number().int().min(10).max(1000).default(120),
        /** The block classifier file, relative to the pipeline file; absent means rules only. */
        model: z.string().min(1).optional(),
      })
      .strict()
      .default({ minProseCharsBeforeDropFromHere: 300, maxRuleProseRemovedShare: 0.95, minProseCharsForRuleShareValve: 500, excerptChars: 120 }),
    normalize: z
      .object({
        quotes: z.enum(['keep', 'straight']).default('keep'),
        dashes: z.enum(['keep', 'ascii']).default('keep'),
        repairMojibake: z.boolean().default(true),
      })
      .strict()
      .default({ quotes: 'keep', dashes: 'keep', repairMojibake: true }),
    classify: z
      .object({
        language: z
          .object({
            minConfidence: z.number().min(0).max(1).default(0.5),
            expected: z.array(z.string().regex(/^[a-z]{2,3}$/, 'expected an ISO 639-1 code such as en')).optional(),
            /** The eld n-gram database; absent means small (see src/stages/classify/language.ts for the memory each costs). */
            database: z
              .enum(['small', 'medium', 'large'], { error: 'expected small, medium or large (the eld database: about 155, 200 or 400 MB of memory)' })
              .optional(),
            /** Texts with fewer words than this are `und`; absent means 2. */
            minWords: z.number().int().min(1).max(50).optional(),
          })
          .strict()
          .default({ minConfidence: 0.5 }),
        /** A text classifier file written by `decruft train`, relative to the pipeline file; when set, topics come from it instead of the taxonomy. */
        topicModel: z.string().min(1).optional(),
      })
      .strict()
      .default({ language: { minConfidence: 0.5 } }),
    /** Sensitive data (the `pii` stage): count e-mail addresses, phone numbers and IP addresses, and optionally mask them. */
    pii: z
      .object({
        /** Count them per kind into `labels.pii` and the dataset record's `pii`. */
        detect: z.boolean().default(true),
        /** Replace each match in the text by `[EMAIL]`, `[PHONE]` or `[IP]` (an edit per kind, rule ids `pii/...`). */
        mask: z.boolean().default(false),
      })
      .strict()
      .default({ detect: true, mask: false }),
    /** The optional quality filter (the `quality-filter` stage): thresholds on the classify stage's quality signals. */
    quality: z
      .object({
        filter: z
          .object({
            /** Drop documents that fail a threshold to the rejects file (`D_LOW_QUALITY`). Off by default. */
            enabled: z.boolean().default(false),
            minWords: z.number().int().nonnegative().default(50),
            maxWords: z.number().int().positive().default(100_000),
            minMeanWordLength: z.number().nonnegative().default(3),
            maxMeanWordLength: z.number().positive().default(10),
            /** Hash signs and ellipses per word (Gopher: 0.1). */
            maxSymbolWordRatio: z.number().nonnegative().default(0.1),
            /** Applies only when the language has a stop-word list. */
            minStopwordRatio: z.number().min(0).max(1).default(0.05),
            /** Lines (blocks) ending in sentence punctuation (FineWeb: 0.12). */
            minPunctuationEndRatio: z.number().min(0).max(1).default(0.12),
            /** Lines (blocks) repeating an earlier one (Gopher: 0.3). */
            maxDuplicateLineRatio: z.number().min(0).max(1).default(0.3),
          })
          .strict()
          // prefault: an absent section is parsed as {}, so the field defaults above apply once, here.
          .prefault({}),
      })
      .strict()
      .prefault({}),
    limits: z
      .object({
        maxDocumentBytes: z.number().int().positive().default(50 * 1024 * 1024),
        /** How many times its size a .jsonl.gz may inflate to (at least 64 MiB); past it: `E_DECOMPRESS_LIMIT`. */
        maxGzipRatio: z.number().int().positive().default(200),
        /** Time budget per document across all stages, checked after each stage. */
        maxDocumentMs: z.number().int().positive().default(30_000),
        /** Deepest element nesting a page may have before it is parsed (deeper: `E_TOO_DEEP`). */
        maxHtmlDepth: z.number().int().positive().default(5_000),
        /** Most elements a page may have before it is parsed (more: `E_TOO_MANY_ELEMENTS`). */
        maxHtmlElements: z.number().int().positive().default(200_000),
        /** Longest line of scraped text, in characters (longer: `E_TOO_LARGE`). */
        maxLineChars: z.number().int().positive().default(1_000_000),
        /** Heap of each worker thread, in MiB: a document that needs more ends its thread (`E_WORKER_FAILED`), not the run. */
        maxWorkerHeapMiB: z.number().int().min(128).default(1024),
      })
      .strict()
      .prefault({}),
    output: z
      .object({
        /** Write the comment sections the rules removed into a `comments` field of each record. */
        comments: z.boolean().default(false),
        /** Start dataset.csv with a UTF-8 byte order mark, which Excel needs to read it as UTF-8. */
        csvBom: z.boolean().default(false),
        /** Longest dataset.csv cell; longer ones are cut with a marker (Excel holds 32,767 characters a cell). */
        csvMaxCellChars: z.number().int().min(100).default(32_767),
      })
      .strict()
      .prefault({}),
    /** Passes over the whole batch (see src/corpus): repeated blocks off unless asked for, duplicates on. */
    corpus: z
      .object({
        repeatedBlocks: z
          .object({
            /** Learn each site's repeated blocks from the batch and remove them (`corpus/repeated-block`). */
            enabled: z.boolean().default(false),
            /** Share of a site's documents a block must appear on... */
            minShare: z.number().gt(0).max(1).default(0.5),
            /** ...and how many of them, both together. */
            minDocuments: z.number().int().min(2).default(5),
            /** Sites with fewer documents learn nothing. */
            minSiteDocuments: z.number().int().min(2).default(10),
            /** Documents without a URL: one site per folder of files, one for all, or none (they take no part). */
            fileGrouping: z.enum(['folder', 'single', 'none']).default('folder'),
          })
          .strict()
          .default({ enabled: false, minShare: 0.5, minDocuments: 5, minSiteDocuments: 10, fileGrouping: 'folder' }),
        duplicates: z
          .object({
            /** Drop exact and near duplicates of the cleaned texts, keeping one survivor per cluster. */
            enabled: z.boolean().default(true),
            /** Estimated Jaccard similarity of word shingles from which two documents are near duplicates. */
            threshold: z.number().gt(0).max(1).default(0.8),
            /** Words per shingle. */
            shingleWords: z.number().int().min(1).max(64).default(5),
          })
          .strict()
          .default({ enabled: true, threshold: 0.8, shingleWords: 5 }),
      })
      .strict()
      .default({
        repeatedBlocks: { enabled: false, minShare: 0.5, minDocuments: 5, minSiteDocuments: 10, fileGrouping: 'folder' },
        duplicates: { enabled: true, threshold: 0.8, shingleWords: 5 },
      }),
    concurrency: z.number().int().min(1).max(256).default(4),
    /** Worker threads that clean documents: "auto" is one per core from AUTO_WORKERS_MIN_BYTES of input, else 0; 0 cleans on the main thread. */
    workers: z.union([z.literal('auto'), z.number().int().min(0).max(256)]).default('auto'),
  })
  .strict()

/** The pipeline configuration after validation and defaults. */
export type PipelineConfig = z.infer<typeof pipelineConfigSchema>
