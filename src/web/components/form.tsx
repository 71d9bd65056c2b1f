import type { FieldError } from '../../platform/http/index.js';
import { CSRF_FIELD } from '../../platform/http/index.js';
import { attributeText } from './attribute.js';

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/** Error summary at the top of a form; each entry links to its field. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  if (!errors.length) return '';
  return (
    <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">Có lỗi cần sửa</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${e.param}`} safe>
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  type?: 'text' | 'password' | 'search' | 'number' | 'date' | 'email';
  value?: string | number | undefined;
  autocomplete?: string;
  required?: boolean;
  inputClass?: string;
  min?: number;
  max?: number;
}

interface FrameProps {
  id: string;
  /** Form field name; defaults to the id (several forms on one page need distinct ids for the same name). */
  name?: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

/** ids of the hint and error of a field, for aria-describedby. */
const describedByOf = (p: FrameProps) => [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** The frame every control shares: label, hint, then the error message, then the control. */
function FieldFrame({ children, ...p }: FrameProps & { children: JSX.Element }) {
  return (
    <div class={p.error ? 'field has-error' : 'field'}>
      <label for={p.id} safe>
        {p.label}
      </label>
      {p.hint ? (
        <span class="hint" id={`${p.id}-hint`} safe>
          {p.hint}
        </span>
      ) : (
        ''
      )}
      {p.error ? (
        <span class="error-message" id={`${p.id}-error`} safe>
          {p.error}
        </span>
      ) : (
        ''
      )}
      {children}
    </div>
  );
}

/** A labelled input with hint and error message under the label. */
export function Field(p: FieldProps) {
  return (
    <FieldFrame id={p.id} label={p.label} hint={p.hint} error={p.error}>
      <input
        id={p.id}
        name={p.name ?? p.id}
        type={p.type ?? 'text'}
        value={p.value === undefined ? undefined : attributeText(String(p.value))}
        autocomplete={p.autocomplete}
        required={p.required}
        class={p.inputClass}
        min={p.min === undefined ? undefined : String(p.min)}
        max={p.max === undefined ? undefined : String(p.max)}
        aria-describedby={describedByOf(p)}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </FieldFrame>
  );
}

export function Select(p: FrameProps & { options: Array<{ value: string; label: string }>; value?: string }) {
  return (
    <FieldFrame id={p.id} label={p.label} hint={p.hint} error={p.error}>
      <select id={p.id} name={p.name ?? p.id} aria-describedby={describedByOf(p)} aria-invalid={p.error ? 'true' : undefined}>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function TextArea(p: FrameProps & { value: string; rows?: number }) {
  return (
    <FieldFrame id={p.id} label={p.label} hint={p.hint} error={p.error}>
      <textarea id={p.id} name={p.name ?? p.id} rows={String(p.rows ?? 5)} aria-describedby={describedByOf(p)} aria-invalid={p.error ? 'true' : undefined} safe>
        {p.value}
      </textarea>
    </FieldFrame>
  );
}

export function Notice({ kind, children }: { kind: 'success' | 'warning' | 'error' | 'info'; children: JSX.Element }) {
  return (
    <div class={`notice ${kind === 'info' ? '' : kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/**
 * A date typed as day / month / year fields (DESIGN.md). The day input carries the id `${id}` so the error summary's
 * link lands in it; the inputs are named `${id}-d`, `${id}-m`, `${id}-y`.
 */
export function DateInput(p: { id: string; name?: string; legend: string; hint?: string; error?: string | undefined; value: { day: string; month: string; year: string } }) {
  const describedBy = [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ');
  const invalid = p.error ? 'true' : undefined;
  const part = (suffix: 'd' | 'm' | 'y', label: string, value: string, cls: string) => (
    <div class="field">
      <label for={suffix === 'd' ? p.id : `${p.id}-${suffix}`} safe>{label}</label>
      <input id={suffix === 'd' ? p.id : `${p.id}-${suffix}`} name={`${p.name ?? p.id}-${suffix}`} type="text" inputmode="numeric" class={cls} value={value} aria-invalid={invalid} />
    </div>
  );
  return (
    <fieldset class={p.error ? 'field has-error' : 'field'} aria-describedby={describedBy || undefined}>
      <legend safe>{p.legend}</legend>
      {p.hint ? <span class="hint" id={`${p.id}-hint`} safe>{p.hint}</span> : ''}
      {p.error ? <span class="error-message" id={`${p.id}-error`} safe>{p.error}</span> : ''}
      <div class="inline-form">
        {part('d', 'Ngày', p.value.day, 'short')}
        {part('m', 'Tháng', p.value.month, 'short')}
        {part('y', 'Năm', p.value.year, 'year')}
      </div>
    </fieldset>
  );
}

/** A group of radio buttons; the fieldset carries the id so the error summary can link to it. */
export function Radios(p: { id: string; name?: string; legend: string; options: Array<{ value: string; label: string }>; value: string; error?: string | undefined }) {
  return (
    <fieldset id={p.id} class={p.error ? 'field has-error' : 'field'} aria-describedby={p.error ? `${p.id}-error` : undefined}>
      <legend safe>{p.legend}</legend>
      {p.error ? <span class="error-message" id={`${p.id}-error`} safe>{p.error}</span> : ''}
      {p.options.map((o, i) => (
        <div class="radio">
          <input type="radio" id={`${p.id}-${i}`} name={p.name ?? p.id} value={o.value} checked={o.value === p.value} />
          <label for={`${p.id}-${i}`} safe>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/**
 * The "Đơn vị" chooser of GET filter forms (`don-vi`): a select when the person works in several units (or the
 * value given was refused: `error`), else hidden.
 */
export function UnitChooser({ units, current, error }: { units: ReadonlyArray<{ code: string; name: string }>; current: string; error?: string | undefined }) {
  if (units.length <= 1 && !error) return <input type="hidden" name="don-vi" value={current} />;
  return <Select id="don-vi" label="Đơn vị" options={units.map((u) => ({ value: u.code, label: u.name }))} value={current} error={error} />;
}

/** The "Năm" field of GET filter forms (`nam`). */
export function YearField({ year, min, max }: { year: number; min: number; max: number }) {
  return (
    <div class="field">
      <label for="nam">Năm</label>
      <input id="nam" name="nam" type="number" class="year" value={String(year)} min={String(min)} max={String(max)} />
    </div>
  );
}
