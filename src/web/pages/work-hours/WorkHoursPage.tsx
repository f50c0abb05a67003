import { Select } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { hasRole, useCurrentUser } from '../../auth/sign-in';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { QueryState } from '../../components/QueryState/QueryState';
import { useHosts } from '../../api/queries';
import { useWorkHours } from './api';
import { WorkHoursForm } from './WorkHoursForm';

/**
 * Providers keep their own hours; dispatchers and administrators pick whose hours to keep, and
 * the choice is in the address (`?provider=<id>`) so other pages can link to a host's hours.
 */
export function WorkHoursPage() {
  const me = useCurrentUser();
  const managesOthers = hasRole(me, 'admin', 'dispatcher');
  const providers = useHosts(managesOthers);
  const [params, setParams] = useSearchParams();
  const chosen = managesOthers ? params.get('provider') : null;
  const providerList = providers.data ?? [];
  const userId = chosen ?? (me.roles.includes('provider') ? me.id : (providerList[0]?.id ?? null));
  const providerName = userId === me.id ? me.name : (providerList.find((p) => p.id === userId)?.name ?? '');

  return (
    <>
      <PageHeader
        title="Work Hours"
        description="The hours in which sessions can be scheduled. The New Session panel offers only these times."
        actions={
          managesOthers && (
            <Select
              aria-label="Provider"
              placeholder="Choose a provider"
              data={providerList.map((p) => ({ value: p.id, label: p.name }))}
              value={userId}
              onChange={(provider) => provider && setParams({ provider }, { replace: true })}
              searchable
              allowDeselect={false}
              w={260}
            />
          )
        }
      />
      {userId ? <ProviderWorkHours key={userId} userId={userId} providerName={providerName} /> : <QueryState query={providers}>{null}</QueryState>}
    </>
  );
}

function ProviderWorkHours({ userId, providerName }: { readonly userId: string; readonly providerName: string }) {
  const hours = useWorkHours(userId);
  return <QueryState query={hours}>{hours.data && <WorkHoursForm userId={userId} providerName={providerName} initial={hours.data} />}</QueryState>;
}
