import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Db } from '../db/database.ts';
import { principalFromSession, principalFromToken } from '../domains/accounts/queries.ts';
import type { Actor } from '../domains/audit/record.ts';
import type { PersonalDataKeys } from '../shared/personal-data.ts';
import { holds, type Principal, type RouteAccess } from './access.ts';
import { AppError, forbidden, unauthenticated, type ErrorBody, type FieldError } from './errors.ts';
import { registerRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface AppDeps {
  db: Db;
  keys: PersonalDataKeys;
  clock: () => Date;
  /** Folder of the built web console, served at `/`; null to serve the API only. */
  webDir: string | null;
  /** Region codes this deployment serves (the roots of the public region tree). */
  servedRegions: string[];
  logLevel?: string;
  /** Longest accepted request body. */
  bodyLimit?: number;
  /**
   * Addresses of reverse proxies whose X-Forwarded-For is believed (comma list or CIDR). Without it the client
   * address is the socket's: a forged header must not dodge the login throttle or falsify the audit log.
   */
  trustedProxies?: string | null;
}

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

export type App = FastifyInstance & { routeTable: RouteEntry[] };

export const SESSION_COOKIE = 'laoyou_session';

/** Builds the one HTTP server: API under /api, OpenAPI at /api/docs, the console everywhere else. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    bodyLimit: deps.bodyLimit ?? 1_048_576,
    trustProxy: deps.trustedProxies ?? false,
    // Requests Fastify rejects before routing (an undecodable URL) still get the common body and a request id.
    frameworkErrors: (error, request, reply) => {
      const { status, body } = toErrorBody(error, request.id);
      void (reply as unknown as FastifyReply).header('x-request-id', request.id).status(status).send(body);
    },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    logger: {
      level: deps.logLevel ?? 'info',
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      serializers: {
        req: (request: FastifyRequest) => ({
          method: request.method,
          // Query strings never carry personal data by design, but mask anything shaped like an ID number anyway.
          url: request.url.replace(/\d{17}[\dXx]/g, '[id-number]'),
          ip: request.ip,
        }),
      },
    },
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  app.routeTable = [];
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);

  // Deny by default: an API route that does not declare who may call it refuses to register, so it cannot ship.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access;
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs')) {
      for (const method of methods) {
        if (method === 'HEAD') continue;
        app.routeTable.push({ method, url: route.url, access });
      }
      if (!access) throw new Error(`route ${methods.join(',')} ${route.url} declares no access`);
    }
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'laoyou API', description: '一老一小 platform API', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const access = request.routeOptions.config?.access;
    if (!access || 'public' in access) {
      request.principal = await identify(deps.db, request, deps.clock()).catch(() => null);
      return;
    }
    const principal = await identify(deps.db, request, deps.clock());
    if (!principal) throw unauthenticated();
    if (!access.principals.includes(principal.principalType)) throw forbidden();
    if (!holds(principal, access.permission)) throw forbidden();
    request.principal = principal;
  });

  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorBody(error, request.id);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    reply.status(status).send(body);
  });

  await app.register(async (api) => registerRoutes(api, deps), { prefix: '/api' });

  if (deps.webDir && fs.existsSync(path.join(deps.webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: deps.webDir, prefix: '/', wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api');
    if (wantsPage && deps.webDir && fs.existsSync(path.join(deps.webDir, 'index.html'))) {
      return reply.type('text/html').sendFile('index.html');
    }
    const { status, body } = toErrorBody(
      new AppError(404, 'not_found', { 'zh-CN': '接口不存在', 'en-US': 'No such endpoint' }),
      request.id,
    );
    return reply.status(status).send(body);
  });
  return app;
}

async function identify(db: Db, request: FastifyRequest, now: Date): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return principalFromToken(db, authorization.slice(7).trim(), now);
  const session = request.cookies[SESSION_COOKIE];
  return session ? principalFromSession(db, session, now) : null;
}

export function actorOf(request: FastifyRequest): Actor {
  return { principal: request.principal, ip: request.ip ?? null, requestId: request.id };
}

/** Maps anything thrown while handling a request to the common body; unknown errors become a bare 500. */
export function toErrorBody(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  const wrap = (e: AppError) => ({
    status: e.statusCode,
    body: { error: { code: e.code, message: e.text, fields: e.fields, requestId } },
  });
  if (error instanceof AppError) return wrap(error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as { validationContext?: string }).validationContext ?? 'body';
    const fields: FieldError[] = error.validation.map((issue) => {
      const pointer = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
      return {
        path: pointer ? `${where}.${pointer}` : where,
        message: { 'zh-CN': `格式不正确：${issue.message}`, 'en-US': issue.message ?? 'invalid' },
      };
    });
    return wrap(
      new AppError(
        400,
        'invalid_input',
        { 'zh-CN': '输入有误，请检查标出的字段', 'en-US': 'The input is invalid; check the marked fields' },
        fields,
      ),
    );
  }
  if (isResponseSerializationError(error)) {
    return wrap(
      new AppError(500, 'internal_error', { 'zh-CN': '服务器内部错误', 'en-US': 'Internal server error' }),
    );
  }
  const fastifyError = error as { statusCode?: number; code?: string; message?: string };
  const pgCode = (error as { code?: string }).code;
  // PostgreSQL text cannot hold NUL (and jsonb no \u0000): such input is the caller's mistake, not a 500.
  if (pgCode === '22021' || pgCode === '22P05') {
    return wrap(
      new AppError(400, 'invalid_characters', {
        'zh-CN': '输入含有无法保存的字符（如 NUL 字符）',
        'en-US': 'The input contains characters that cannot be stored (such as NUL)',
      }),
    );
  }
  if (pgCode === '23505') {
    return wrap(
      new AppError(409, 'conflict', { 'zh-CN': '记录已存在', 'en-US': 'The record already exists' }),
    );
  }
  if (pgCode === '23P01') {
    return wrap(
      new AppError(409, 'overlapping_period', {
        'zh-CN': '与已有记录的有效期重叠',
        'en-US': 'The period overlaps an existing record',
      }),
    );
  }
  if (
    pgCode === '23503' ||
    pgCode === '23514' ||
    pgCode === '22P02' ||
    pgCode === '22007' ||
    pgCode === '22008'
  ) {
    return wrap(
      new AppError(422, 'rejected_by_database', {
        'zh-CN': '数据不符合约束（引用不存在或取值超出范围）',
        'en-US': 'The data breaks a rule (unknown reference or value out of range)',
      }),
    );
  }
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return wrap(
      new AppError(413, 'body_too_large', { 'zh-CN': '请求内容过大', 'en-US': 'Request body too large' }),
    );
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    return wrap(
      new AppError(status, fastifyError.code?.toLowerCase() ?? 'bad_request', {
        'zh-CN': '请求无效',
        'en-US': fastifyError.message ?? 'Bad request',
      }),
    );
  }
  return wrap(
    new AppError(500, 'internal_error', { 'zh-CN': '服务器内部错误', 'en-US': 'Internal server error' }),
  );
}
