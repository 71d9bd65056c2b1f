import { describe, expect, it } from 'vitest';
import { attributeText } from '../../src/web/components/attribute.js';
import { Field } from '../../src/web/components/form.js';

describe('text in attribute values', () => {
  it('comes back as typed: the ampersand is escaped too (@kitajs/html escapes only the double quote)', async () => {
    expect(attributeText('A&amp;B & C')).toBe('A&amp;amp;B &amp; C');
    // a form given back with the reader's name: the browser must decode the value to exactly what was typed
    const html = await Field({ id: 'comment-name', name: 'name', label: 'Họ và tên', value: 'jav&#x61;script "x" &lt;b&gt;' });
    expect(html).toContain('value="jav&amp;#x61;script &#34;x&#34; &amp;lt;b&amp;gt;"');
  });
});
