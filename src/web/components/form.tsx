import type { FieldError } from '../../platform/http/index.js';
import { CSRF_FIELD } from '../../platform/http/index.js';

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

/** A labelled input with hint and error message under the label. */
export function Field(p: FieldProps) {
  const describedBy = [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ');
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
      <input
        id={p.id}
        name={p.id}
        type={p.type ?? 'text'}
        value={p.value === undefined ? undefined : String(p.value)}
        autocomplete={p.autocomplete}
        required={p.required}
        class={p.inputClass}
        min={p.min === undefined ? undefined : String(p.min)}
        max={p.max === undefined ? undefined : String(p.max)}
        aria-describedby={describedBy || undefined}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </div>
  );
}

export function Select(p: { id: string; label: string; options: Array<{ value: string; label: string }>; value?: string; hint?: string; error?: string }) {
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
      <select id={p.id} name={p.id} aria-describedby={p.hint ? `${p.id}-hint` : undefined}>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Notice({ kind, children }: { kind: 'success' | 'warning' | 'error' | 'info'; children: JSX.Element }) {
  return (
    <div class={`notice ${kind === 'info' ? '' : kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
