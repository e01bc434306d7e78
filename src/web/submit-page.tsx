import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Deps } from '../deps';
import type { Viewer } from '../domain/account';
import { dateInTimeZone } from '../domain/period';
import { CsrfField, Notice } from './account/auth-form';
import { formatDay, paperPath, periodPath } from './format';
import { Layout } from './layout';
import { sendPage } from './send-page';

/** What the form shows: the value entered, and why it was refused (with the listing day for a duplicate). */
export type SubmitFormState = {
  value?: string;
  error?: string | null;
  /** The paper is on this day's list already: link to it. */
  listed?: { arxivId: string; listedOn: string } | null;
};

/** The submission form: one field for an arXiv id or link, the rules, and the last refusal. */
export function renderSubmitPage(c: Context, deps: Deps, viewer: Viewer, state: SubmitFormState, status: ContentfulStatusCode = 200): Promise<Response> {
  const { submitMaxAgeDays: maxAge, submitDailyCap: cap, timeZone } = deps.config;
  const today = dateInTimeZone(deps.now(), timeZone);
  return sendPage(
    c,
    <Layout title="Submit a paper" canonical={null} section={null}>
      <div class="prose">
        <h1>Submit a paper</h1>
        <Notice error={state.error} />
        {state.listed ? (
          <p>
            <a href={paperPath(state.listed.arxivId)}>See the paper</a> ·{' '}
            <a href={periodPath({ kind: 'day', key: state.listed.listedOn })}>See the list of {formatDay(state.listed.listedOn)}</a>
          </p>
        ) : null}
        {viewer.isVerified ? null : (
          <p class="notice">Confirm your email address first: follow the link in the mail we sent you, or ask for a new one on your <a href="/settings">settings page</a>.</p>
        )}
        <p>
          Put a paper on today's list ({formatDay(today)}) under your name. Paste its arXiv id (<code>2401.01234</code>, <code>hep-th/9901001</code>) or
          its arxiv.org link; the title, authors and abstract come from arXiv.
        </p>
        <form method="post" action="/submit" class="form">
          <CsrfField />
          <label>
            arXiv id or link
            <input type="text" name="arxivId" value={state.value ?? ''} required maxlength={300} autofocus placeholder="2401.01234 or https://arxiv.org/abs/2401.01234" spellcheck={false} />
          </label>
          <p>
            <button type="submit" class="button">
              Submit
            </button>
          </p>
        </form>
        <p class="hint">
          A paper can be listed once, within {maxAge} days of its first version on arXiv. Each account may submit {cap} {cap === 1 ? 'paper' : 'papers'} a day.
        </p>
      </div>
    </Layout>,
    status,
  );
}
