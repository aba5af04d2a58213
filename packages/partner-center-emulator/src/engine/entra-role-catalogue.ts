import { EntraRole } from '@csphub/partner-center/wire';

/**
 * The built-in Entra roles the emulator's `roleDefinitions` answers with (ids and names from
 * Microsoft's "Microsoft Entra built-in roles" page), a subset of Microsoft's list: the roles
 * GDAP's defaults use plus a few more, so that a template can pick one no code names.
 */
export const ENTRA_ROLE_CATALOGUE: readonly { id: string; displayName: string; description: string }[] = [
  { id: EntraRole.applicationAdministrator, displayName: 'Application Administrator', description: 'Can create and manage all aspects of app registrations and enterprise apps.' },
  { id: 'c430b396-e693-46cc-96f3-db01bf8bb62a', displayName: 'Attack Simulation Administrator', description: 'Can create and manage all aspects of attack simulation campaigns.' },
  { id: 'c4e39bd9-1100-46d3-8c65-fb160da0071f', displayName: 'Authentication Administrator', description: 'Can access to view, set and reset authentication method information for any non-admin user.' },
  { id: EntraRole.billingAdministrator, displayName: 'Billing Administrator', description: 'Can perform common billing related tasks like updating payment information.' },
  { id: EntraRole.cloudApplicationAdministrator, displayName: 'Cloud Application Administrator', description: 'Can create and manage all aspects of app registrations and enterprise apps except App Proxy.' },
  { id: EntraRole.directoryReaders, displayName: 'Directory Readers', description: 'Can read basic directory information.' },
  { id: EntraRole.directoryWriters, displayName: 'Directory Writers', description: 'Can read and write basic directory information.' },
  { id: EntraRole.domainNameAdministrator, displayName: 'Domain Name Administrator', description: 'Can manage domain names in cloud and on-premises.' },
  { id: EntraRole.exchangeAdministrator, displayName: 'Exchange Administrator', description: 'Can manage all aspects of the Exchange product.' },
  { id: EntraRole.globalAdministrator, displayName: 'Global Administrator', description: 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.' },
  { id: EntraRole.globalReader, displayName: 'Global Reader', description: 'Can read everything that a Global Administrator can, but not update anything.' },
  { id: EntraRole.groupsAdministrator, displayName: 'Groups Administrator', description: 'Members of this role can create/manage groups, create/manage groups settings like naming and expiration policies.' },
  { id: EntraRole.helpdeskAdministrator, displayName: 'Helpdesk Administrator', description: 'Can reset passwords for non-administrators and Helpdesk Administrators.' },
  { id: EntraRole.intuneAdministrator, displayName: 'Intune Administrator', description: 'Can manage all aspects of the Intune product.' },
  { id: EntraRole.licenseAdministrator, displayName: 'License Administrator', description: 'Can manage product licenses on users and groups.' },
  { id: EntraRole.privilegedAuthenticationAdministrator, displayName: 'Privileged Authentication Administrator', description: 'Can access to view, set and reset authentication method information for any user (admin or non-admin).' },
  { id: EntraRole.privilegedRoleAdministrator, displayName: 'Privileged Role Administrator', description: 'Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.' },
  { id: EntraRole.securityReader, displayName: 'Security Reader', description: 'Can read security information and reports in Microsoft Entra ID and Office 365.' },
  { id: EntraRole.serviceSupportAdministrator, displayName: 'Service Support Administrator', description: 'Can read service health information and manage support tickets.' },
  { id: EntraRole.sharePointAdministrator, displayName: 'SharePoint Administrator', description: 'Can manage all aspects of the SharePoint service.' },
  { id: EntraRole.teamsAdministrator, displayName: 'Teams Administrator', description: 'Can manage the Microsoft Teams service.' },
  { id: EntraRole.userAdministrator, displayName: 'User Administrator', description: 'Can manage all aspects of users and groups, including resetting passwords for limited admins.' },
];
