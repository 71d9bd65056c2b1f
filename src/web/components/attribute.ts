/**
 * Text for an attribute value. @kitajs/html escapes only the double quote in attribute values, so an entity that a
 * person typed ("&amp;", "&#x61;") would be decoded by the browser and the value shown or sent back would change
 * ("A&amp;B" comes back as "A&B"). Escaping the ampersand keeps the text as typed.
 */
export const attributeText = (text: string): string => text.replaceAll('&', '&amp;');
