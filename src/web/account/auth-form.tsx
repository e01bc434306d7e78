import type { Child } from 'hono/jsx';
import { usePage } from '../page-context';

/** The hidden CSRF field every POST form carries. */
export function CsrfField() {
  const page = usePage();
  return <input type="hidden" name="_csrf" value={page.csrfToken()} />;
}

/** A message above a form: an error (role=alert) or a notice. */
export function Notice(props: { error?: string | null; notice?: string | null }) {
  if (props.error) {
    return (
      <p class="notice error" role="alert">
        {props.error}
      </p>
    );
  }
  return props.notice ? <p class="notice">{props.notice}</p> : null;
}

/** A small page with a heading, an optional message and a form or text. */
export function AuthPanel(props: { title: string; error?: string | null; notice?: string | null; children: Child }) {
  return (
    <div class="prose">
      <h1>{props.title}</h1>
      <Notice error={props.error} notice={props.notice} />
      {props.children}
    </div>
  );
}
