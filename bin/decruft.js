#!/usr/bin/env node
// Entry point installed as `decruft`; the compiled CLI lives in dist/ (built by `npm ci` through `prepare`).
import { main } from '../dist/cli/main.js'

process.exitCode = await main(process.argv)
