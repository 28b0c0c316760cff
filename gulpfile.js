// Copies what tsc does not: node and credential icons, and the codex (*.node.json) files.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(
		[
			'nodes/**/*.{png,svg}',
			'credentials/**/*.{png,svg}',
			'nodes/**/*.node.json',
		],
		{ base: '.', encoding: false },
	).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
