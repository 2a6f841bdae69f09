// Preloaded (node --require) by the bench into a tollgate process: reports its peak RSS on exit.
process.on('exit', () => require('node:fs').writeSync(2, `\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`));
