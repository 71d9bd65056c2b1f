/**
 * SMS through an HTTP gateway: POST {"to": "+84912345678", "text": "…"} as JSON with a bearer token. Any answer
 * other than 2xx, or no answer within 15 seconds, is a failure (retried by the delivery job).
 */
import type { OutgoingMessage, Transport } from '../model.js';

export interface SmsGatewayOptions {
  url: string;
  token?: string | undefined;
  timeoutMs?: number;
}

/** "0912345678" → "+84912345678" (numbers already international are kept). */
export const internationalNumber = (phone: string): string => (phone.startsWith('0') ? `+84${phone.slice(1)}` : phone.startsWith('+') ? phone : `+${phone}`);

export function smsGatewayTransport(opts: SmsGatewayOptions): Transport {
  return {
    name: 'sms-http',
    async send(m: OutgoingMessage) {
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
          body: JSON.stringify({ to: internationalNumber(m.recipient), text: m.text }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
        throw new Error(`Không kết nối được cổng SMS (${cause})`);
      }
      if (res.ok) {
        await res.body?.cancel();
        return;
      }
      const body = (await res.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 200);
      throw new Error(`Cổng SMS trả lời HTTP ${res.status}${body ? `: ${body}` : ''}`);
    },
  };
}
