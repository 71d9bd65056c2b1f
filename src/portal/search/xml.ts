/** XML text and attribute values: the five predefined entities, and no characters XML 1.0 forbids. */
export function xmlEscape(s: string): string {
  return s
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** RFC 822 date as RSS 2.0 wants it: "Fri, 27 Nov 2026 04:43:30 GMT". */
export const rfc822 = (d: Date): string => d.toUTCString();

/** W3C datetime for <lastmod>. */
export const w3cDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface RssItem {
  title: string;
  link: string;
  description: string;
  category: string;
  pubDate: Date;
}

export function rssDocument(channel: { title: string; link: string; selfUrl: string; description: string; items: RssItem[] }): string {
  const lastBuild = channel.items[0]?.pubDate;
  const items = channel.items.map((i) => [
    '    <item>',
    `      <title>${xmlEscape(i.title)}</title>`,
    `      <link>${xmlEscape(i.link)}</link>`,
    `      <guid isPermaLink="true">${xmlEscape(i.link)}</guid>`,
    `      <description>${xmlEscape(i.description)}</description>`,
    `      <category>${xmlEscape(i.category)}</category>`,
    `      <pubDate>${rfc822(i.pubDate)}</pubDate>`,
    '    </item>',
  ].join('\n'));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${xmlEscape(channel.title)}</title>`,
    `    <link>${xmlEscape(channel.link)}</link>`,
    `    <atom:link href="${xmlEscape(channel.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    `    <description>${xmlEscape(channel.description)}</description>`,
    '    <language>vi</language>',
    ...(lastBuild ? [`    <lastBuildDate>${rfc822(lastBuild)}</lastBuildDate>`] : []),
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function sitemapDocument(urls: Array<{ loc: string; lastmod?: Date | null }>): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((u) => `  <url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${w3cDate(u.lastmod)}</lastmod>` : ''}</url>`),
    '</urlset>',
    '',
  ].join('\n');
}
