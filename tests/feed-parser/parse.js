// Reads an RSS or Atom document on stdin and prints what the npm package feedparser makes of it, as
// JSON: the integration tests check Backlot's feeds the way a feed reader's software sees them.
// feedparser gives description (the article: content:encoded or Atom content) and summary (RSS
// description, Atom summary) as HTML, and titles as text with any tags stripped.
'use strict';
const FeedParser = require('feedparser');

const parser = new FeedParser();
const items = [];
parser.on('error', (error) => {
	console.error(error.message);
	process.exit(1);
});
parser.on('readable', function () {
	let item;
	while ((item = this.read())) {
		items.push({
			title: item.title,
			description: item.description,
			summary: item.summary,
			link: item.link,
			author: item.author,
			categories: item.categories,
		});
	}
});
parser.on('end', () => {
	process.stdout.write(JSON.stringify({
		title: parser.meta.title,
		description: parser.meta.description,
		link: parser.meta.link,
		items,
	}));
});
process.stdin.pipe(parser);
