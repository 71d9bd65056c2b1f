/**
 * Dossier codes. Default format from Circular 01/2018/TT-VPCP art. 19: `<agency code>-YYMMDD-XXXX`
 * (receipt date in Vietnam time and a 4-digit daily sequence per receiving unit). The format is data:
 * placeholders {agency}, {yyyy}, {yy}, {mm}, {dd}, {seq:N} (zero-padded to N digits).
 */
export const DEFAULT_CODE_FORMAT = '{agency}-{yy}{mm}{dd}-{seq:4}';

export function formatDossierCode(format: string, parts: { agencyCode: string; date: string /* YYYY-MM-DD */; seq: number }): string {
  const [yyyy, mm, dd] = parts.date.split('-') as [string, string, string];
  return format.replace(/\{(agency|yyyy|yy|mm|dd|seq(?::(\d))?)\}/g, (_, name: string, width?: string) => {
    switch (name) {
      case 'agency':
        return parts.agencyCode;
      case 'yyyy':
        return yyyy;
      case 'yy':
        return yyyy.slice(2);
      case 'mm':
        return mm;
      case 'dd':
        return dd;
      default:
        return String(parts.seq).padStart(Number(width ?? 1), '0');
    }
  });
}

/** The counters a code allocated at `day` (YYYY-MM-DD, Vietnam time) draws from: the daily sequence and the yearly register. */
export const codeCounterNames = (day: string): [string, string] => [`code:${day}`, `register:${day.slice(0, 4)}`];

/** The code and register entry given the two counters' next values. */
export function allocatedCode(settings: { agencyCode: string; format: string }, day: string, seq: number, registerSeq: number): { code: string; registerBook: string; registerSeq: number } {
  return { code: formatDossierCode(settings.format, { agencyCode: settings.agencyCode, date: day, seq }), registerBook: day.slice(0, 4), registerSeq };
}
