import { useState, type FormEvent } from 'react';
import type { Site } from '@shared/model/site';
import { useDesk } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { TextField } from '../../ui/TextField';
import {
  EMPTY_SITE_FORM,
  formFromSite,
  validateSiteForm,
  type SiteField,
  type SiteFormErrors,
  type SiteFormValues,
} from './siteForm';

/** Register a new AURA Fixed Location, or edit one (its reference, the key AURA raises on, stays). */
export function SiteFormDialog({ site, onClose }: { site: Site | null; onClose(): void }) {
  const call = useDesk((s) => s.call);
  const [values, setValues] = useState<SiteFormValues>(() => (site ? formFromSite(site) : EMPTY_SITE_FORM));
  const [errors, setErrors] = useState<SiteFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const editing = site !== null;

  const field = (name: SiteField) => ({
    value: values[name],
    error: errors[name],
    onChange: (value: string) => setValues((v) => ({ ...v, [name]: value })),
  });

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const checked = validateSiteForm(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFailure('Please correct the fields marked below.');
      return;
    }
    setErrors({});
    setFailure(null);
    setBusy(true);
    const result = await call(editing ? 'sites.update' : 'sites.create', checked.input);
    setBusy(false);
    if (!result.ok) return setFailure(`AURA did not save the site: ${result.error.message}`);
    onClose();
  };

  return (
    <Dialog title={editing ? `Edit ${site.name}` : 'Register a site'} onClose={onClose}>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorText message={failure} />
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
        <div className="actions">
          <button type="submit" className="button button-primary" aria-busy={busy}>
            {busy ? 'Saving…' : editing ? 'Save site' : 'Register site'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
