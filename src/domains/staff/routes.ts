import type { AppDeps } from '../../server/app.ts';
import type { TypedApi } from '../../server/typed.ts';

export function staffRoutes(_api: TypedApi, _deps: AppDeps): void {}
