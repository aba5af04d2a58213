import { createRoute, z } from '@hono/zod-openapi';
import { AppError, ROLES, canGrantRole, hasPermission, isRoleAllowedFor, isValidEmail, isWithinPath, type Role } from '@csphub/domain';
import type { CompanyRow, Repos, UserRow } from '@csphub/db';
import { createRouter } from '../http/openapi-app';
import { problem } from '../http/schemas';
import { guarded, scopedErrors } from '../http/protected-route';
import { authenticate } from '../auth/authenticate';
import { companyInScope, requirePermission } from '../access/scope';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../security/password';
import { generateOneTimePassword } from '../security/one-time-password';
import type { Principal } from '../auth/principal';
import { reposOf, type ServerDeps } from '../app/server-deps';
import { scopedMutation } from './scoped-mutation';
import { IdParamSchema } from './company.schema';

import { json } from '../http/json-content';

export const UserSchema = z
  .object({
    id: z.string(),
    companyId: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    status: z.enum(['active', 'disabled']),
    createdAt: z.string(),
    lastSignInAt: z.string().nullable(),
  })
  .openapi('User');

const NewUserSchema = z
  .object({
    email: z.string().max(254),
    name: z.string().min(1).max(200),
    role: z.enum(ROLES),
    password: z.string().min(MIN_PASSWORD_LENGTH).max(1024).openapi({ description: `At least ${MIN_PASSWORD_LENGTH} characters; tell it to the person, who should change it` }),
  })
  .strict()
  .openapi('NewUser');

const UserPatchSchema = z
  .object({ name: z.string().min(1).max(200), role: z.enum(ROLES), status: z.enum(['active', 'disabled']), password: z.string().min(MIN_PASSWORD_LENGTH).max(1024) })
  .partial()
  .strict()
  .openapi('UserPatch');

export const UserListSchema = z
  .object({
    items: z.array(UserSchema),
    assignableRoles: z.array(z.enum(ROLES)).openapi({ description: 'The roles the caller may give in this company (fit for its kind, never stronger than their own); empty without users.manage' }),
  })
  .openapi('UserList');

export const PasswordResetSchema = z
  .object({
    user: UserSchema,
    password: z.string().openapi({ description: 'The new one-time password. Shown in this answer only: the server keeps its argon2 hash alone.' }),
  })
  .openapi('PasswordReset');

const UserParamsSchema = IdParamSchema.extend({ userId: z.string().uuid().openapi({ param: { name: 'userId', in: 'path' } }) });

function userDto(u: UserRow) {
  return {
    id: u.id,
    companyId: u.companyId,
    email: u.email,
    name: u.name,
    role: u.role as Role,
    status: u.status,
    createdAt: u.createdAt.toISOString(),
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
  };
}

function checkRole(granter: Role, role: Role, kind: 'distributor' | 'reseller' | 'customer') {
  if (!isRoleAllowedFor(role, kind)) throw new AppError('ROLE_NOT_ALLOWED', `The role ${role.replace(/_/g, ' ')} cannot be held in a ${kind}.`);
  if (!canGrantRole(granter, role)) throw new AppError('ROLE_NOT_ALLOWED', `You cannot give the role ${role.replace(/_/g, ' ')}: it can do more than your own.`);
}

/** The roles `p` may give to people of `company`: fit for its kind and never stronger than `p`'s own. */
function assignableRoles(p: Principal, company: CompanyRow): Role[] {
  if (!hasPermission(p.role, 'users.manage')) return [];
  return ROLES.filter((r) => isRoleAllowedFor(r, company.kind) && canGrantRole(p.role, r));
}

/** The company and one of its users, or 404 when either is outside the caller's subtree. */
async function userInScope(repos: Repos, p: Principal, companyId: number, userId: string) {
  const company = await companyInScope(repos, p, companyId);
  const target = await repos.users.get(userId);
  if (!target || target.companyId !== company.id || !isWithinPath(company.path, p.company.path)) throw new AppError('NOT_FOUND', `There is no user ${userId} in ${company.name}.`);
  return { company, target };
}

/** Refuses to act on a user who can do more than the caller. */
function checkOutranks(p: Principal, target: UserRow) {
  if (!canGrantRole(p.role, target.role as Role)) throw new AppError('FORBIDDEN', 'This user can do more than you; ask a higher administrator.');
}

/** What an audit reader should see for a change of a user (never the password itself). */
function describeUserChange(email: string, patch: { name?: string; role?: Role; status?: 'active' | 'disabled'; password?: string }, before: UserRow): string {
  const parts: string[] = [];
  if (patch.status && patch.status !== before.status) parts.push(patch.status === 'disabled' ? `Disabled ${email}` : `Re-enabled ${email}`);
  if (patch.role && patch.role !== before.role) parts.push(`Changed the role of ${email} from ${before.role.replace(/_/g, ' ')} to ${patch.role.replace(/_/g, ' ')}`);
  if (patch.name !== undefined && patch.name !== before.name) parts.push(`Renamed ${email} to ${patch.name}`);
  if (patch.password) parts.push(`Set a new password for ${email}`);
  return parts.length > 0 ? parts.join('; ') : `Saved ${email} unchanged`;
}

/** People of a company (the Security tab): list, add, change role or status, reset password. */
export function companyUsersRoutes(deps: ServerDeps) {
  const auth = authenticate(deps);
  return createRouter()
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'get',
        path: '/companies/{id}/users',
        tags: ['People and access'],
        summary: 'The users of a company and their roles',
        request: { params: IdParamSchema },
        responses: { 200: { description: 'Users, and the roles the caller may give here', content: json(UserListSchema) }, ...scopedErrors },
      }),
      async (c) => {
        const p = c.var.principal;
        const repos = reposOf(deps);
        const company = await companyInScope(repos, p, c.req.valid('param').id);
        requirePermission(p, 'users.read', 'see users');
        return c.json({ items: (await repos.users.listByCompanies([company.id])).map(userDto), assignableRoles: assignableRoles(p, company) }, 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/users',
        tags: ['People and access'],
        summary: 'Add a user to a company with a role and an initial password',
        request: { params: IdParamSchema, body: { required: true, content: json(NewUserSchema) } },
        responses: {
          201: { description: 'Created', content: json(UserSchema) },
          400: problem('A field is not valid'),
          ...scopedErrors,
          409: problem('The e-mail is taken'),
          422: problem('The role cannot be held there or is stronger than yours'),
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        if (!isValidEmail(body.email.trim())) throw new AppError('VALIDATION_FAILED', 'Enter an e-mail address like name@company.com.', [{ field: 'email', message: 'Not an e-mail address' }]);
        const passwordHash = await hashPassword(body.password);
        const user = await scopedMutation(deps, c, {
          scope: (repos, p) => companyInScope(repos, p, c.req.valid('param').id),
          permission: 'users.manage', what: 'manage users',
          run: async ({ repos, principal: p, now, scoped: company, audit }) => {
            checkRole(p.role, body.role, company.kind);
            if (await repos.users.findByEmail(body.email)) throw new AppError('EMAIL_TAKEN', `${body.email} already signs in to CSP Hub; use another address.`);
            const row = await repos.users.create({ companyId: company.id, email: body.email, name: body.name, passwordHash, role: body.role, now });
            await audit({
              companyId: company.id,
              action: 'user.created',
              targetType: 'user',
              targetId: row.id,
              summary: `Added ${row.email} as ${body.role.replace(/_/g, ' ')}`,
              after: { email: row.email, name: row.name, role: row.role, password: 'set' },
            });
            return row;
          },
        });
        return c.json(userDto(user), 201);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'patch',
        path: '/companies/{id}/users/{userId}',
        tags: ['People and access'],
        summary: "Change a user's name, role or status, or set a new password (ends their sessions)",
        request: { params: UserParamsSchema, body: { required: true, content: json(UserPatchSchema) } },
        responses: {
          200: { description: 'Updated', content: json(UserSchema) },
          400: problem('A field is not valid'),
          ...scopedErrors,
          403: problem('The role may not manage users, the user can do more than the caller, or the caller tried to disable themself or change their own role (OWN_ACCESS_LOCKED)'),
          422: problem('The role is not allowed'),
        },
      }),
      async (c) => {
        const { id, userId } = c.req.valid('param');
        const patch = c.req.valid('json');
        const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
        const user = await scopedMutation(deps, c, {
          scope: (repos, p) => userInScope(repos, p, id, userId),
          permission: 'users.manage', what: 'manage users',
          run: async ({ repos, principal: p, now, scoped: { company, target }, audit }) => {
            if (patch.role) checkRole(p.role, patch.role, company.kind);
            if (target.id === p.userId && (patch.status === 'disabled' || (patch.role && patch.role !== p.role))) {
              throw new AppError('OWN_ACCESS_LOCKED', 'You cannot disable yourself or change your own role; ask another administrator.');
            }
            checkOutranks(p, target);
            // A password an administrator chose is known to two people: the person must replace it at next sign-in.
            const row = await repos.users.update(target.id, { name: patch.name, role: patch.role, status: patch.status, passwordHash, ...(passwordHash ? { mustChangePassword: true } : {}) });
            if (patch.status === 'disabled' || passwordHash) await repos.sessions.revokeAllForUser(target.id, now);
            await audit({
              companyId: company.id,
              action: 'user.updated',
              targetType: 'user',
              targetId: target.id,
              summary: describeUserChange(target.email, patch, target),
              before: { name: target.name, role: target.role, status: target.status },
              after: { name: row.name, role: row.role, status: row.status, ...(passwordHash ? { password: 'changed' } : {}) },
            });
            return row;
          },
        });
        return c.json(userDto(user), 200);
      },
    )
    .openapi(
      createRoute({
        ...guarded(auth),
        method: 'post',
        path: '/companies/{id}/users/{userId}/reset-password',
        tags: ['People and access'],
        summary: "Reset a user's password to a new one-time password, shown once in this answer; ends their sessions",
        description:
          'For a person who lost their password: the administrator passes the answer on, and the person signs in with it. Only the argon2 hash is stored; the password is not in the audit entry and cannot be fetched again (reset again instead).',
        request: { params: UserParamsSchema },
        responses: {
          200: { description: 'The new password, this once', content: json(PasswordResetSchema) },
          ...scopedErrors,
          403: problem('The role may not manage users, the user can do more than the caller, or it is the caller (OWN_ACCESS_LOCKED)'),
        },
      }),
      async (c) => {
        const { id, userId } = c.req.valid('param');
        const password = generateOneTimePassword();
        const passwordHash = await hashPassword(password);
        const user = await scopedMutation(deps, c, {
          scope: (repos, p) => userInScope(repos, p, id, userId),
          permission: 'users.manage', what: 'manage users',
          run: async ({ repos, principal: p, now, scoped: { company, target }, audit }) => {
            if (target.id === p.userId) throw new AppError('OWN_ACCESS_LOCKED', 'You cannot reset your own password here; ask another administrator.');
            checkOutranks(p, target);
            const row = await repos.users.update(target.id, { passwordHash, mustChangePassword: true });
            await repos.sessions.revokeAllForUser(target.id, now);
            await audit({
              companyId: company.id,
              action: 'user.password_reset',
              targetType: 'user',
              targetId: target.id,
              summary: `Reset the password of ${target.email} and ended their sessions; they choose their own at next sign-in`,
              after: { password: 'reset', sessions: 'ended', mustChangePassword: true },
            });
            return row;
          },
        });
        // The one time this password exists outside a hash: no cache may keep the answer.
        c.header('Cache-Control', 'no-store');
        return c.json({ user: userDto(user), password }, 200);
      },
    );
}
