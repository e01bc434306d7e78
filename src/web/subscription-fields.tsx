import { CADENCES, COMMON_TIME_ZONES, type Cadence } from '../domain/subscription';

/**
 * The form fields a subscription has: cadence and time zone. The zone is a select of common
 * IANA zones plus a free-text field for any other (validated by the use case), so no script is
 * needed to offer all of them.
 */
export function SubscriptionFields(props: { cadence: Cadence; timeZone: string }) {
  const listed = COMMON_TIME_ZONES.includes(props.timeZone);
  const zones = listed ? COMMON_TIME_ZONES : [props.timeZone, ...COMMON_TIME_ZONES];
  return (
    <>
      <fieldset class="cadence">
        <legend>How often</legend>
        {CADENCES.map((c) => (
          <label class="check">
            <input type="radio" name="cadence" value={c} checked={c === props.cadence} /> {c === 'daily' ? 'Daily' : 'Weekly'}
          </label>
        ))}
      </fieldset>
      <label>
        Time zone
        <select name="timeZone">
          {zones.map((z) => (
            <option value={z} selected={z === props.timeZone}>
              {z.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
        <span class="hint">The digest arrives in the morning of this zone.</span>
      </label>
      <label>
        Another time zone
        <input type="text" name="timeZoneOther" maxlength={64} placeholder="e.g. America/Argentina/Buenos_Aires" autocomplete="off" />
        <span class="hint">Any IANA zone name; when filled in it replaces the choice above.</span>
      </label>
    </>
  );
}

/** The zone a submitted form chose: the free-text field when filled in, else the select. */
export function timeZoneFrom(form: Record<string, string>): string | undefined {
  const other = (form.timeZoneOther ?? '').trim();
  return other || form.timeZone;
}

/** A cadence from a query string, falling back to daily (only preselects a radio button). */
export function cadenceOrDaily(value: string | undefined): Cadence {
  return value === 'weekly' ? 'weekly' : 'daily';
}
