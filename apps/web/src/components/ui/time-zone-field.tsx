import { useMemo } from 'react';
import { SelectField } from './field.tsx';

/** A select of the IANA time zones the browser knows, keeping a saved zone it does not know. */
export function TimeZoneField({
  value,
  hint,
  error,
}: {
  value: string;
  hint: string;
  error?: string | undefined;
}) {
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf('timeZone');
    return all.includes(value) ? all : [value, ...all];
  }, [value]);
  return (
    <SelectField label="Time zone" name="timezone" defaultValue={value} error={error} hint={hint}>
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll('_', ' ')}
        </option>
      ))}
    </SelectField>
  );
}
