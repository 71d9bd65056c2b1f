/**
 * Recipients as people and logs may see them: enough to recognise one's own address, not enough to copy it.
 * "nguyenvanan@gmail.com" → "n***@gmail.com", "0912345678" → "0912***678" (as dossier pages mask phone numbers).
 */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0) return `${recipient.charAt(0)}***${recipient.slice(at)}`;
  return recipient.length >= 7 ? `${recipient.slice(0, 4)}***${recipient.slice(-3)}` : '***';
}
