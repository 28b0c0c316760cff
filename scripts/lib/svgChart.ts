// A horizontal bar chart as a standalone SVG: no dependency, readable on GitHub and in the README.

export interface Bar {
	label: string;
	value: number;
	note?: string;
	color?: string;
}

function escape(text: string) {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function barChart(title: string, unit: string, bars: Bar[]): string {
	const width = 880;
	const labelWidth = 330;
	const barArea = width - labelWidth - 150;
	const rowHeight = 34;
	const top = 48;
	const height = top + bars.length * rowHeight + 20;
	const max = Math.max(...bars.map((b) => b.value), 1);
	const rows = bars
		.map((bar, i) => {
			const y = top + i * rowHeight;
			const w = Math.max(1, (bar.value / max) * barArea);
			const value = `${Math.round(bar.value).toLocaleString('en-US')} ${unit}${bar.note ? ` (${bar.note})` : ''}`;
			return [
				`<text x="${labelWidth - 10}" y="${y + 17}" text-anchor="end" font-size="13">${escape(bar.label)}</text>`,
				`<rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="20" rx="3" fill="${bar.color ?? '#1a55e3'}"/>`,
				`<text x="${labelWidth + w + 6}" y="${y + 18}" font-size="12" fill="#333">${escape(value)}</text>`,
			].join('\n  ');
		})
		.join('\n  ');
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">
  <rect width="100%" height="100%" fill="#fff"/>
  <text x="16" y="28" font-size="16" font-weight="bold">${escape(title)}</text>
  ${rows}
</svg>
`;
}
