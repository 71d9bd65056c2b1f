/** An e-mail's content written as plain text and as simple HTML (no images, no styles a client would strip). */
import type { Block, EmailContent } from './email-content.js';

const AUTOMATIC = 'Thư này được gửi tự động từ hệ thống một cửa điện tử; xin Ông/Bà đừng trả lời thư này.';
const UNSUBSCRIBE = 'Không muốn nhận thông báo về hồ sơ qua e-mail nữa? Ngừng nhận tại:';

function blockText(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return b.text;
    case 'list':
      return b.items.map((item, i) => `${i + 1}. ${item}`).join('\n');
    case 'facts':
      return b.items.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'link':
      return b.url;
  }
}

export function emailText(c: EmailContent, unsubscribeUrl: string | null): string {
  const parts = [c.greeting, ...c.blocks.map(blockText), c.signature.join('\n'), `--\n${AUTOMATIC}${unsubscribeUrl ? `\n${UNSUBSCRIBE}\n${unsubscribeUrl}` : ''}`];
  return `${parts.join('\n\n')}\n`.normalize('NFC');
}

function BlockHtml({ b }: { b: Block }) {
  switch (b.kind) {
    case 'paragraph':
      return <p safe>{b.text}</p>;
    case 'list':
      return <ol>{b.items.map((item) => <li safe>{item}</li>)}</ol>;
    case 'facts':
      return (
        <ul>
          {b.items.map(([label, value]) => (
            <li>
              <span safe>{`${label}: `}</span>
              <strong safe>{value}</strong>
            </li>
          ))}
        </ul>
      );
    case 'link':
      return (
        <p>
          <a href={b.url} safe>{b.text}</a>
        </p>
      );
  }
}

export function emailHtml(c: EmailContent, unsubscribeUrl: string | null): string {
  const html = (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <title safe>{c.subject}</title>
      </head>
      <body>
        <p safe>{c.greeting}</p>
        {c.blocks.map((b) => <BlockHtml b={b} />)}
        <p>
          {c.signature.map((line, i) => (i ? <><br /><span safe>{line}</span></> : <span safe>{line}</span>))}
        </p>
        <hr />
        <p>
          <small>{AUTOMATIC}</small>
          {unsubscribeUrl ? (
            <>
              <br />
              <small>
                <span>{`${UNSUBSCRIBE} `}</span>
                <a href={unsubscribeUrl}>Ngừng nhận thông báo qua e-mail</a>
              </small>
            </>
          ) : (
            ''
          )}
        </p>
      </body>
    </html>
  );
  return `<!doctype html>${html as string}`.normalize('NFC');
}
