import type { Block, FormDocument, ListBlock, ParaBlock, Run, SignaturesBlock, TableBlock, TransferBlock } from '../content.js';
import { vietQrSvg } from '../../../payments/vietqr-svg.js';
import { MOTTO_NATION, MOTTO_SLOGAN } from '../content.js';
import { qrSvg } from '../qr.js';

/** Stylesheet URL; the app serves FORMS_CSS there. */
export const FORMS_CSS_HREF = '/static/forms.css';

function RunView({ run }: { run: Run }): JSX.Element {
  if (run.style === 'bold') return <strong safe>{run.text}</strong>;
  if (run.style === 'italic') return <em safe>{run.text}</em>;
  return <span safe>{run.text}</span>;
}

function ParaView({ block }: { block: ParaBlock }): JSX.Element {
  const cls = [
    block.align !== 'left' ? `align-${block.align}` : '',
    block.indent ? 'indent' : '',
    block.small ? 'small' : '',
  ]
    .filter((c) => c !== '')
    .join(' ');
  return (
    <p class={cls === '' ? undefined : cls}>
      {block.runs.map((run) => (
        <RunView run={run} />
      ))}
    </p>
  );
}

function ListView({ block }: { block: ListBlock }): JSX.Element {
  const items = block.items.map((item) => (
    <li>
      {item.map((run) => (
        <RunView run={run} />
      ))}
    </li>
  ));
  return block.ordered ? <ol class="numbered">{items}</ol> : <ul class="dash">{items}</ul>;
}

function TableView({ block }: { block: TableBlock }): JSX.Element {
  const total = block.columns.reduce((s, c) => s + c.width, 0);
  return (
    <table>
      <caption class={block.captionVisible ? undefined : 'visually-hidden'} safe>
        {block.caption}
      </caption>
      <colgroup>
        {block.columns.map((c) => (
          <col class={`w${Math.round((c.width / total) * 100)}`} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {block.columns.map((c) => (
            <th scope="col" safe>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {block.rows.length === 0 ? (
          <tr>
            <td class="center" colspan={String(block.columns.length)} safe>
              {block.emptyText}
            </td>
          </tr>
        ) : (
          block.rows.map((row) => (
            <tr>
              {row.map((cell, idx) => {
                const align = block.columns[idx]?.align ?? 'left';
                return (
                  <td class={align === 'left' ? undefined : align} safe>
                    {cell}
                  </td>
                );
              })}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function SignaturesView({ block }: { block: SignaturesBlock }): JSX.Element {
  return (
    <div class={block.items.length === 1 ? 'signatures single' : 'signatures'}>
      {block.items.map((it) => (
        <div class="sig">
          <p class="sig-title" safe>
            {it.title}
          </p>
          <p class="sig-note" safe>
            {it.note}
          </p>
          <p class="sig-name" safe>
            {it.name}
          </p>
        </div>
      ))}
    </div>
  );
}

function TransferView({ block }: { block: TransferBlock }): JSX.Element {
  // vietQrSvg escapes its one text (the <title>) itself; the rest is numbers and fixed tokens
  const safeSvg = vietQrSvg(block.payload);
  return (
    <figure class="transfer">
      <div class="transfer-qr">{safeSvg}</div>
      <figcaption>
        <p><strong safe>{block.heading}</strong></p>
        {block.lines.map((l) => (
          <p>
            <span safe>{`${l.label}: `}</span>
            <strong safe>{l.value}</strong>
          </p>
        ))}
        {block.note ? <p class="small" safe>{block.note}</p> : ''}
      </figcaption>
    </figure>
  );
}

function BlockView({ block }: { block: Block }): JSX.Element {
  switch (block.kind) {
    case 'para':
      return <ParaView block={block} />;
    case 'list':
      return <ListView block={block} />;
    case 'table':
      return <TableView block={block} />;
    case 'signatures':
      return <SignaturesView block={block} />;
    case 'transfer':
      return <TransferView block={block} />;
  }
}

function HeaderView({ model }: { model: FormDocument }): JSX.Element {
  const h = model.header;
  if (h.kind === 'book') {
    return (
      <header class="book-head">
        <p class="unit" safe>
          {h.unitName}
        </p>
      </header>
    );
  }
  const numberText: string = h.number === null ? '' : `Số: ${h.number}`;
  return (
    <header class="doc-head">
      <div class="issuer">
        <p class="parent" safe>
          {h.parentBody}
        </p>
        <p class="body" safe>
          {h.issuingBody}
        </p>
      </div>
      <div class="nation">
        <p class="nation-name">{MOTTO_NATION}</p>
        <p class="motto">{MOTTO_SLOGAN}</p>
      </div>
      <p class="number" safe>
        {numberText}
      </p>
      <p class="place-date" safe>
        {h.placeDate}
      </p>
    </header>
  );
}

function QrView({ url, code }: { url: string; code: string }): JSX.Element {
  // Generated markup: numbers and fixed tokens only, nothing from the input is copied into it.
  const safeQrMarkup = qrSvg(url);
  return (
    <figure class="qr">
      <div class="qr-img" role="img" aria-label="Mã QR tra cứu hồ sơ">
        {safeQrMarkup}
      </div>
      <figcaption safe>{code}</figcaption>
    </figure>
  );
}

/** A complete standalone HTML document for one form. */
export function renderFormHtml(model: FormDocument): string {
  const blocks = (list: Block[]): JSX.Element[] => list.map((block) => <BlockView block={block} />);
  const page = (
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title safe>{model.docTitle}</title>
        <link rel="stylesheet" href={FORMS_CSS_HREF} />
      </head>
      <body class={`form form-${model.id}`}>
        <main class="sheet">
          <HeaderView model={model} />
          <h1 safe>{model.title}</h1>
          {model.subtitles.map((s) => (
            <p class="subtitle" safe>
              {s}
            </p>
          ))}
          {model.qr ? (
            <div class="intro">
              <div class="intro-text">{blocks(model.intro)}</div>
              <QrView url={model.qr.url} code={model.qr.code} />
            </div>
          ) : (
            blocks(model.intro)
          )}
          {blocks(model.body)}
        </main>
      </body>
    </html>
  );
  if (typeof page !== 'string') throw new Error('form views must render synchronously');
  return `<!doctype html>${page}`;
}
