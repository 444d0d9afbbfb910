/** Application errors and their mapping to HTTP: clear messages naming the field, never a stack trace or SQL. */
export interface FieldError { field: string; message: string }

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly fields?: FieldError[],
  ) { super(message); }
}

export const badRequest = (message: string, fields?: FieldError[]) => new AppError(400, 'invalid_request', message, fields);
export const fieldError = (field: string, message: string) => new AppError(400, 'invalid_request', `${field}: ${message}`, [{ field, message }]);
export const unauthorised = (message = 'Sign in to continue.') => new AppError(401, 'unauthorised', message);
export const forbidden = (message = 'You do not have permission to do that.') => new AppError(403, 'forbidden', message);
export const notFound = (what = 'record') => new AppError(404, 'not_found', `That ${what} was not found.`);
export const conflict = (message: string, fields?: FieldError[]) => new AppError(409, 'conflict', message, fields);
export const staleVersion = (what: string) =>
  new AppError(409, 'stale_version', `This ${what} was changed by someone else since you opened it. Reload to see their changes; your edits have not been saved.`);
