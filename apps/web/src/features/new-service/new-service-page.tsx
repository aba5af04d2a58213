import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Group, Loader, Stack, Stepper, Text, Title } from '@mantine/core';
import { useApi } from '../../api/use-api';
import { ApiError } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';
import { ConfigurationStep } from './configuration-step';
import { onboardingApi, todayIso } from './new-service-client';
import type { OnboardingContext, SavedWizardDraft, WizardDraft } from '@csphub/server/contract';
import { ReviewStep } from './review-step';
import { RunTimeline } from './run-timeline';
import { ServiceStep } from './service-step';
import { TermsStep } from './terms-step';
import { buildChecklist, draftOf, gdapTemplateIdOf, initialWizardState, restoreDraft, stepProblems, type FieldProblem, type WizardField, type WizardState } from './wizard-state';
import { focusField, ProblemList, STEP_OF_FIELD } from './wizard-problems';

/**
 * "New service": Select service > Terms > Configuration > Order review >
 * Finish, for the company in the URL (company page) or, inside the storefront, the company the
 * store is for (a customer admin's own, or a reseller's customer). After Finish the run's timeline follows live on the same page.
 */
export function NewServicePage({ storefrontCompanyId }: { storefrontCompanyId?: number }) {
  const params = useParams();
  const companyId = storefrontCompanyId ?? Number(params.companyId);
  const { t } = useI18n();
  const ctx = useApi<OnboardingContext>(Number.isFinite(companyId) ? onboardingApi.context(companyId) : null);
  if (!ctx.data) {
    return (
      <Stack maw={900}>
        {ctx.loading && (
          <Group>
            <Loader size="sm" />
            <Text>{t('ns.loading')}</Text>
          </Group>
        )}
        {ctx.error && (
          <Alert color="red" title={t('ns.loadError', { message: ctx.error.message })}>
            <Button size="xs" variant="light" onClick={ctx.reload}>
              {t('ns.retry')}
            </Button>
          </Alert>
        )}
      </Stack>
    );
  }
  return <Wizard key={ctx.data.company.id} ctx={ctx.data} storefront={storefrontCompanyId !== undefined} />;
}

function Wizard({ ctx, storefront }: { ctx: OnboardingContext; storefront: boolean }) {
  const { t, formatDate } = useI18n();
  const [active, setActive] = useState(0);
  const [state, setState] = useState<WizardState>(() => initialWizardState(ctx));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState(false);
  // The draft on the server (one per company and person): offered once, then kept as the user types.
  const savedDraft = useApi<SavedWizardDraft>(onboardingApi.draft(ctx.company.id));
  const [draftDecided, setDraftDecided] = useState(false);
  const offeredDraft = !draftDecided && savedDraft.data?.draft ? savedDraft.data.draft : null;
  const draftReady = draftDecided || savedDraft.data !== undefined || savedDraft.error !== undefined;
  const touched = useRef(false);
  const update = useCallback((patch: Partial<WizardState>) => {
    touched.current = true;
    setState((s) => ({ ...s, ...patch }));
  }, []);
  useEffect(() => {
    if (!touched.current || started || offeredDraft || !draftReady) return;
    const timer = setTimeout(() => void onboardingApi.saveDraft(ctx.company.id, { state: draftOf(state), step: Math.min(active, 3) }).catch(() => undefined), 500);
    return () => clearTimeout(timer);
  }, [state, active, started, offeredDraft, draftReady, ctx.company.id]);
  const resumeDraft = (d: WizardDraft) => {
    setState(restoreDraft(ctx, d.state));
    setActive(d.step);
    setDraftDecided(true);
  };
  const discardDraft = () => {
    setDraftDecided(true);
    touched.current = false;
    void onboardingApi.discardDraft(ctx.company.id).catch(() => undefined);
  };
  const connection = ctx.connections.find((c) => c.id === state.connectionId);
  const needsPartnerId = Boolean(ctx.reseller) && connection?.type === 'indirect-provider';
  const checklist = useMemo(() => buildChecklist(ctx, state, { needsPartnerId, today: todayIso() }), [ctx, state, needsPartnerId]);
  const ready = checklist.every((i) => i.ok);
  // The problems that stopped "Next", shown until the step is fixed (recomputed as the user types).
  const [shownProblems, setShownProblems] = useState<number | null>(null);
  const problems: FieldProblem[] = shownProblems === active ? stepProblems(active, state, { needsPartnerId, today: todayIso() }) : [];
  const [focusTarget, setFocusTarget] = useState<WizardField | null>(null);
  useEffect(() => {
    if (!focusTarget) return;
    // Once the step's fields are on the page.
    const timer = setTimeout(() => {
      focusField(focusTarget, t);
      setFocusTarget(null);
    }, 50);
    return () => clearTimeout(timer);
  }, [focusTarget, active, t]);
  const goTo = useCallback((field: WizardField) => {
    setActive(STEP_OF_FIELD[field]);
    setFocusTarget(field);
  }, []);
  const next = () => {
    if (stepProblems(active, state, { needsPartnerId, today: todayIso() }).length > 0) {
      setShownProblems(active);
      return;
    }
    setShownProblems(null);
    touched.current = true;
    setActive((a) => a + 1);
  };

  const finish = async () => {
    setBusy(true);
    setError(null);
    const a = state.attestation;
    // The customer's signatory, who gets Microsoft's acceptance link (both paths; none when the MCA is on record).
    const signatory = () => ({
      firstName: a.firstName.trim(),
      lastName: a.lastName.trim(),
      email: a.email.trim(),
      ...(a.phone.trim() ? { phone: a.phone.trim() } : {}),
      companyName: state.signatory.companyName.trim(),
      country: state.signatory.country.trim().toUpperCase(),
      language: state.signatory.language,
    });
    try {
      // Built inside the try: a failure here (whatever it is) is shown, never swallowed.
      const connectionId = state.connectionId;
      // The wizard's checks hold Finish back without a connection; the API requires one.
      if (!connectionId) throw new Error(t('ns.problem.connection.required'));
      if (state.existing) {
        await onboardingApi.checkout(ctx.company.id, { connectionId, signatory: state.verify?.mcaOnRecord ? null : signatory(), requestGdap: state.gdap, ...(state.gdap ? gdapTemplateIdOf(ctx, state) : {}), notifyMe: state.notifyMe });
      } else {
        await onboardingApi.finishNewTenant(ctx.company.id, {
          connectionId,
          domainPrefix: state.domainPrefix.trim().toLowerCase(),
          culture: state.culture,
          adminUsername: state.adminUsername.trim() || 'admin',
          requirePasswordChange: state.requirePasswordChange,
          defaultGdap: state.gdap,
          // Without Microsoft's default relationship, GDAP is requested from the template.
          ...(state.gdap ? {} : gdapTemplateIdOf(ctx, state)),
          resellerPartnerId: needsPartnerId && state.partnerId.trim() ? state.partnerId.trim() : null,
          signatory: signatory(),
          notifyMe: state.notifyMe,
        });
      }
      setStarted(true);
      void onboardingApi.discardDraft(ctx.company.id).catch(() => undefined);
    } catch (e) {
      setError(t('ns.finishError', { message: e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={960}>
      {storefront ? (
        <Title order={2}>{t('ns.storefrontTitle')}</Title>
      ) : (
        <Title order={1}>{t('ns.title', { company: ctx.company.name })}</Title>
      )}
      {started ? (
        <Stack>
          <Alert color="green">{t('ns.started')}</Alert>
          <RunTimeline companyId={ctx.company.id} />
        </Stack>
      ) : (
        <>
          {offeredDraft && (
            <Alert color="blue" data-testid="draft-offer" title={t('ns.draft.title')}>
              <Stack gap="xs">
                <Text size="sm">{t('ns.draft.body', { when: formatDate(offeredDraft.updatedAt, 'dateTime') })}</Text>
                <Group gap="xs">
                  <Button size="xs" onClick={() => resumeDraft(offeredDraft)}>
                    {t('ns.draft.resume')}
                  </Button>
                  <Button size="xs" variant="default" onClick={discardDraft}>
                    {t('ns.draft.discard')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          <Stepper active={active} onStepClick={(i) => i < active && setActive(i)} allowNextStepsSelect={false}>
            <Stepper.Step label={t('ns.step.service')}>
              <div data-field="service">
                <ServiceStep value={state.serviceId} onChange={(id) => update({ serviceId: id })} />
              </div>
            </Stepper.Step>
            <Stepper.Step label={t('ns.step.terms')}>
              <div data-field="terms">
                <TermsStep companyId={ctx.company.id} connectionId={state.connectionId} accepted={state.termsAccepted} onAccepted={(v) => update({ termsAccepted: v })} />
              </div>
            </Stepper.Step>
            <Stepper.Step label={t('ns.step.config')}>{state.connectionId && <ConfigurationStep ctx={ctx} state={state} update={update} needsPartnerId={needsPartnerId} />}</Stepper.Step>
            <Stepper.Step label={t('ns.step.review')}>
              <ReviewStep ctx={ctx} state={state} checklist={checklist} needsPartnerId={needsPartnerId} onGoTo={goTo} />
            </Stepper.Step>
          </Stepper>
          <ProblemList problems={problems} onGoTo={goTo} title={t('ns.problem.title')} testId="step-problems" />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="space-between">
            <Button variant="default" onClick={() => setActive((a) => Math.max(0, a - 1))} disabled={active === 0}>
              {t('ns.back')}
            </Button>
            {active < 3 ? (
              <Button onClick={next}>
                {t('ns.next')}
              </Button>
            ) : (
              <Button onClick={() => void finish()} disabled={!ready} loading={busy}>
                {t('ns.finish')}
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
