import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@csphub/domain';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { authErrors, guarded } from '../http/protected-route';
import { inTransaction, reposOf, type ServerDeps } from '../app/server-deps';
import { writeAudit } from '../audit/write-audit';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../security/password';
import { authenticate, clientAddress } from './authenticate';
import { checkPasswordThrottled } from './sign-in';
import { json } from '../http/json-content';

const OwnPasswordChangeSchema = z
  .object({
    currentPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(1024).openapi({ description: `At least ${MIN_PASSWORD_LENGTH} characters, and not the current one` }),
  })
  .strict()
  .openapi('OwnPasswordChange');

/**
 * POST /auth/password: a signed-in person changes their own password. The current password is
 * checked under the sign-in back-off (the same keys as signing in, so this is no side door for
 * guessing); the change ends the person's other sessions and is audited in the same transaction.
 */
export function ownPasswordRoutes(deps: ServerDeps) {
  // Open to a person whose password an administrator set: choosing their own is what they must do.
  const auth = authenticate(deps, { duringPasswordChange: true });
  return createRouter().openapi(
    createRoute({
      ...guarded(auth),
      method: 'post',
      path: '/auth/password',
      tags: ['Auth'],
      summary: 'Change my own password (needs the current one); ends my other sessions',
      description:
        'For the signed-in person only (an API token has no password: 403). A wrong current password answers 403 CURRENT_PASSWORD_WRONG naming `currentPassword` and counts as a failed sign-in for this account and address (429 with Retry-After when it must wait).',
      request: { body: { required: true, content: json(OwnPasswordChangeSchema) } },
      responses: {
        204: { description: 'Changed; this session stays, the others are ended' },
        400: problem('A field is not valid (the new password is too short or the same as the current one)'),
        ...authErrors,
        403: problem('The current password is not right (CURRENT_PASSWORD_WRONG), the caller is an API token, or the CSRF token is missing'),
        429: problem('Too many wrong passwords for this account from this address; Retry-After says when to retry (RATE_LIMITED)'),
      },
    }),
    async (c) => {
      const p = c.var.principal;
      const body = c.req.valid('json');
      if (p.via !== 'session' || !p.userId || !p.sessionIdHash) throw new AppError('FORBIDDEN', 'An API token has no password to change; sign in as the person instead.');
      const now = deps.clock.now();
      const user = (await reposOf(deps).users.get(p.userId))!;
      // Outside the transaction: a wrong password must stay counted although the request fails.
      const ok = await checkPasswordThrottled(reposOf(deps), { email: user.email, ip: clientAddress(c, deps.trustProxy), now, passwordHash: user.passwordHash, password: body.currentPassword });
      if (!ok) throw new AppError('CURRENT_PASSWORD_WRONG', 'Your current password is not right.', [{ field: 'currentPassword', message: 'Not your current password' }]);
      if (body.newPassword === body.currentPassword) {
        throw new AppError('VALIDATION_FAILED', 'Choose a new password that differs from the current one.', [{ field: 'newPassword', message: 'Same as the current password' }]);
      }
      const passwordHash = await hashPassword(body.newPassword);
      await inTransaction(deps, async (repos) => {
        await repos.users.update(user.id, { passwordHash, mustChangePassword: false });
        await repos.sessions.revokeOthersOfUser(user.id, p.sessionIdHash!, now);
        await writeAudit(c, repos, {
          at: now,
          companyId: user.companyId,
          action: 'user.password_changed',
          targetType: 'user',
          targetId: user.id,
          summary: `${user.email} changed their own password and ended their other sessions`,
          after: { password: 'changed', otherSessions: 'ended' },
        });
      });
      return c.body(null, 204);
    },
  );
}
