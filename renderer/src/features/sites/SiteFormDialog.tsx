import { useState, type FormEvent } from 'react';
import type { Site } from '@shared/model/site';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { TextField } from '../../ui/TextField';
import { useCommand } from '../../ui/useCommand';
import { useDesk } from '../../store';
import { coordinateWarning, coordinateWords, type Point } from './coordinates';
import {
  EMPTY_SITE_FORM,
  formFromSite,
  validateSiteForm,
  type SiteField,
  type SiteFormErrors,
  type SiteFormValues,
} from './siteForm';

type FieldProps = (name: SiteField) => { value: string; error: string | undefined; onChange(value: string): void };

/** The form's text fields; the reference is read-only and the identifier absent when editing. */
function SiteFields({ field, editing }: { field: FieldProps; editing: boolean }) {
  return (
    <>
      <TextField
        label="Reference (externalReferenceId)"
        hint={editing ? 'The key AURA raises callouts on; it cannot change.' : 'Your own stable id for the site.'}
        readOnly={editing}
        autoComplete="off"
        {...field('externalReferenceId')}
      />
      <TextField label="Name" autoComplete="off" {...field('name')} />
      <TextField label="Description" autoComplete="off" {...field('description')} />
      <TextField label="Address" autoComplete="off" {...field('address')} />
      <div className="field-pair">
        <TextField label="Latitude" hint="−90 to 90" inputMode="decimal" autoComplete="off" {...field('latitude')} />
        <TextField
          label="Longitude"
          hint="−180 to 180"
          inputMode="decimal"
          autoComplete="off"
          {...field('longitude')}
        />
      </div>
      <CoordinateWords latitude={field('latitude').value} longitude={field('longitude').value} />
      <TextField
        label="Location type"
        hint="AURA's location type id (optional)"
        inputMode="numeric"
        autoComplete="off"
        {...field('locationTypeId')}
      />
      {!editing && (
        <TextField
          label="AURA location identifier"
          hint="Optional. Left empty, AURA gets the reference, as in its quickstart."
          autoComplete="off"
          {...field('locationIdentifier')}
        />
      )}
    </>
  );
}

/** The typed position in words ("26.12° S, 28.12° E"), so that a slip is read, not just typed. */
function CoordinateWords({ latitude, longitude }: { latitude: string; longitude: string }) {
  const lat = Number(latitude.replace(',', '.').replace('−', '-'));
  const lng = Number(longitude.replace(',', '.').replace('−', '-'));
  const ok = latitude.trim() !== '' && longitude.trim() !== '' && Number.isFinite(lat) && Number.isFinite(lng);
  return (
    <p className="coordinate-words" aria-live="polite">
      {ok ? `Position: ${coordinateWords({ latitude: lat, longitude: lng })}` : ''}
    </p>
  );
}

/** The positions of the client's other sites, for the "far from every other site" check. */
function useOtherPositions(siteId: string | null): Point[] {
  const sites = useDesk((s) => s.desk?.allSites);
  return (sites ?? []).flatMap((s) =>
    s.id !== siteId && s.latitude !== null && s.longitude !== null
      ? [{ latitude: s.latitude, longitude: s.longitude }]
      : [],
  );
}

/** Register a new AURA Fixed Location, or edit one (its reference, the key AURA raises on, stays). */
export function SiteFormDialog({ site, onClose }: { site: Site | null; onClose(): void }) {
  const [values, setValues] = useState<SiteFormValues>(() => (site ? formFromSite(site) : EMPTY_SITE_FORM));
  const [errors, setErrors] = useState<SiteFormErrors>({});
  const editing = site !== null;
  const others = useOtherPositions(site?.id ?? null);
  // A position that looks wrong is saved only when submitted again unchanged: warned before saving.
  const [warning, setWarning] = useState<{ at: string; text: string } | null>(null);
  const save = useCommand(editing ? 'sites.update' : 'sites.create', {
    failure: (message) => `AURA did not save the site: ${message}`,
  });

  const field: FieldProps = (name) => ({
    value: values[name],
    error: errors[name],
    onChange: (value: string) => setValues((v) => ({ ...v, [name]: value })),
  });

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const checked = validateSiteForm(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      save.fail('Please correct the fields marked below.');
      return;
    }
    setErrors({});
    save.reset();
    const at = `${checked.input.latitude},${checked.input.longitude}`;
    const text = coordinateWarning(checked.input, others);
    if (text && warning?.at !== at) {
      setWarning({ at, text });
      return;
    }
    const result = await save.run(checked.input);
    if (result.ok) onClose();
  };

  return (
    <Dialog title={editing ? `Edit ${site.name}` : 'Register a site'} onClose={onClose}>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorText message={save.error} />
        <SiteFields field={field} editing={editing} />
        {warning && (
          <div className="coordinate-warning" role="alert">
            <p>{warning.text}</p>
            <p>Check the latitude and longitude; to save them as they are, press the button again.</p>
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button button-primary" aria-busy={save.busy}>
            {save.busy ? 'Saving…' : editing ? 'Save site' : 'Register site'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
