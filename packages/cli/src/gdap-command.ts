import type { Api } from './api';
import { gdapTable, listGdap, listTemplates, previewGdapUpgrade, renewGdap, requestGdap, templatesTable, terminateGdap, upgradeGdap, upgradePreviewText, type GdapStarted } from './gdap';

/** What `csphub gdap …` answers: an exit code, or `usage` when the arguments do not make a command. */
export type GdapCommandResult = { exit: number } | { usage: string };

export interface GdapCommandIo {
  /** Prints `value` as JSON with --json, else `text`. */
  out(value: unknown, text: string): void;
}

const isId = (s: string | undefined): s is string => !!s && /^\d+$/.test(s);

/** The line that tells where the approval link is (or that it is not there yet). */
function approvalLine(companyId: string, started: GdapStarted): string {
  return started.relationship.approvalUrl
    ? `Approval link (the customer's Global Administrator opens it): ${started.relationship.approvalUrl}\n`
    : `No approval link yet; \`csphub gdap list ${companyId}\` shows it when the run has it.\n`;
}

/**
 * `csphub gdap list|templates|request|renew|upgrade|terminate`. API refusals are thrown as
 * `ApiCallError` for the caller to print; a missing or non-numeric argument is a usage answer.
 */
export async function gdapCommand(api: Api, positional: string[], flags: Record<string, string | true>, io: GdapCommandIo): Promise<GdapCommandResult> {
  const [, command, companyId, gdapId] = positional;
  const template = typeof flags.template === 'string' ? flags.template : undefined;
  const wait = typeof flags.wait === 'string' ? flags.wait : '60';
  if (!/^\d+$/.test(wait)) return { usage: '--wait takes a number of seconds.' };
  const waitMs = Number(wait) * 1000;
  const emailCustomerAdmin = flags.email === true;

  if (!['templates', 'list', 'request', 'renew', 'upgrade', 'terminate'].includes(command ?? '')) return { usage: command ? `Unknown gdap command "${command}".` : 'Name a gdap command.' };
  if (command === 'templates') {
    const items = await listTemplates(api);
    io.out(items, templatesTable(items));
    return { exit: 0 };
  }
  if (!isId(companyId)) return { usage: 'Give the company id (a number).' };
  if (command === 'list') {
    const items = await listGdap(api, Number(companyId));
    io.out(items, gdapTable(items));
    return { exit: 0 };
  }
  if (command === 'request') {
    if (!isId(template)) return { usage: '--template takes the id of a template version (`csphub gdap templates`).' };
    const started = await requestGdap(api, { companyId: Number(companyId), templateId: Number(template), emailCustomerAdmin, waitMs });
    io.out(started, `Requested ${started.relationship.displayName} (${started.relationship.state}, run ${started.runId}).\n${approvalLine(companyId, started)}`);
    return { exit: 0 };
  }
  if (!isId(gdapId)) return { usage: 'Give the relationship id (a number: the id column of `csphub gdap list`).' };
  const target = { companyId: Number(companyId), gdapId: Number(gdapId) };
  if (command === 'renew') {
    const started = await renewGdap(api, { ...target, emailCustomerAdmin, waitMs });
    io.out(started, `Renewal requested: ${started.relationship.displayName} (${started.relationship.state}, run ${started.runId}); relationship ${gdapId} stays until it ends.\n${approvalLine(companyId, started)}`);
    return { exit: 0 };
  }
  if (command === 'upgrade') {
    if (!isId(template)) return { usage: '--template takes the id of the template version to upgrade to (`csphub gdap templates`).' };
    if (flags['dry-run'] === true) {
      const preview = await previewGdapUpgrade(api, { ...target, templateId: Number(template) });
      io.out(preview, upgradePreviewText(preview));
      return { exit: 0 };
    }
    const started = await upgradeGdap(api, { ...target, templateId: Number(template), emailCustomerAdmin, waitMs });
    io.out(started, `Upgrade requested: ${started.relationship.displayName} (${started.relationship.state}, run ${started.runId}); relationship ${gdapId} stays until it ends or is terminated.\n${approvalLine(companyId, started)}`);
    return { exit: 0 };
  }
  if (flags.yes !== true) return { usage: 'Terminating cannot be undone (the customer would approve a new relationship); add --yes.' };
  const relationship = await terminateGdap(api, target);
  io.out({ relationship }, `Asked Microsoft to terminate ${relationship.displayName} (${relationship.state}).\n`);
  return { exit: 0 };
}
