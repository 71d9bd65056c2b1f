import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Database } from '../../platform/db/index.js';
import { KeyImportError, formatCertificate, formatDate, importPkcs12, trustRoots } from './import.js';
import type { Keystore } from './keystore.js';

/** `xaso keys import` and `xaso keys trust` (`keys init` stays in main.ts). */

export const KEYS_USAGE = `Cách dùng / Usage:
  xaso keys init
  xaso keys import --unit MÃ_ĐƠN_VỊ [--replace] TỆP.p12
  xaso keys import --user TÊN_ĐĂNG_NHẬP [--replace] TỆP.p12
  xaso keys trust GỐC.pem|GỐC.cer
Mật khẩu tệp PKCS#12: biến môi trường XASO_P12_PASSPHRASE, hoặc nhập khi được hỏi (không hiện trên màn hình).`;

export interface KeysArguments {
  sub: string | undefined;
  /** Positionals after the sub-command. */
  files: string[];
  unit?: string | undefined;
  user?: string | undefined;
  replace?: boolean | undefined;
}

export interface KeysIo {
  /** XASO_P12_PASSPHRASE (undefined when unset); main.ts reads the environment. */
  passphraseEnv: string | undefined;
  stdin: NodeJS.ReadStream;
  prompt: NodeJS.WriteStream;
  out: (line: string) => void;
}

/** Null when the arguments make a valid `keys` command, else why not. */
export function keysUsageError(a: KeysArguments): string | null {
  if (a.sub === 'init') return a.files.length === 0 ? null : KEYS_USAGE;
  if (a.sub === 'import') return a.files.length === 1 && (a.unit === undefined) !== (a.user === undefined) ? null : KEYS_USAGE;
  if (a.sub === 'trust') return a.files.length === 1 && a.unit === undefined && a.user === undefined ? null : KEYS_USAGE;
  return KEYS_USAGE;
}

/** Reads one line from a terminal without echoing it. */
export function readHiddenLine(question: string, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (err: Error | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      if (chunk.startsWith('\u001b')) return; // arrow keys and other escape sequences
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(null);
        if (ch === '\u0003') return finish(new KeyImportError('Đã hủy (cancelled).'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    output.write(question);
    input.setEncoding('utf8');
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

async function p12Passphrase(io: KeysIo, file: string): Promise<string> {
  if (io.passphraseEnv !== undefined) return io.passphraseEnv;
  if (!io.stdin.isTTY) {
    throw new KeyImportError('Chưa có mật khẩu tệp PKCS#12: đặt biến môi trường XASO_P12_PASSPHRASE hoặc chạy lệnh trong terminal để nhập (no passphrase given).');
  }
  return readHiddenLine(`Mật khẩu tệp ${basename(file)}: `, io.stdin, io.prompt);
}

function readInput(file: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new KeyImportError(`Không đọc được tệp ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Runs `keys import` / `keys trust`; refusals print their message and return 1, nothing written. */
export async function runKeysCommand(db: Database, ks: Keystore, a: KeysArguments, io: KeysIo): Promise<number> {
  const file = a.files[0]!;
  try {
    const bytes = readInput(file);
    if (a.sub === 'trust') {
      for (const r of await trustRoots(db, ks, bytes, { source: basename(file) })) {
        io.out(r.added ? `Đã thêm chứng thư gốc tin cậy keys/trusted/${r.name}.pem (trusted root added):` : `Chứng thư gốc này đã được tin cậy từ trước (already trusted): ${r.name}`);
        for (const line of formatCertificate(r.certificate)) io.out(line);
        if (!r.selfSigned) io.out('  Lưu ý: đây là CA trung gian, không tự ký (an intermediate CA, not self-signed).');
        if (r.expired) io.out(`  Lưu ý: chứng thư đã hết hạn ${formatDate(r.certificate.notAfter)}; chỉ dùng để kiểm tra chữ ký cũ.`);
      }
      return 0;
    }
    const kind = a.unit !== undefined ? 'unit' : 'user';
    const r = await importPkcs12(db, ks, {
      kind, name: (a.unit ?? a.user)!, p12: bytes, replace: a.replace === true, source: basename(file),
      passphrase: () => p12Passphrase(io, file),
    });
    io.out(kind === 'unit'
      ? `Đã nhập chứng thư số tổ chức cho đơn vị ${r.name} – ${r.owner} (organisation certificate imported):`
      : `Đã nhập chứng thư số cá nhân cho tài khoản ${r.name} – ${r.owner} (personal certificate imported):`);
    for (const line of formatCertificate(r.certificate)) io.out(line);
    io.out(`  Chuỗi chứng thư (chain): ${r.chainLength} chứng thư`);
    if (r.replaced) io.out(`  Đã thay chứng thư cũ số hiệu ${r.replaced.serial} (${r.replaced.subjectCn}).`);
    if (!r.trusted) {
      io.out('  Lưu ý: chưa có chứng thư gốc tin cậy cho chuỗi này; chữ ký sẽ bị báo "không tin cậy" cho đến khi chạy');
      io.out('  `xaso keys trust <chứng thư gốc của CA>` (no trusted root for this chain yet).');
    }
    return 0;
  } catch (e) {
    if (e instanceof KeyImportError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}
