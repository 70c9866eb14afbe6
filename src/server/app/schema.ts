/** Every table, gathered for Drizzle's typed queries and for drizzle-kit's migration generator. */
import * as org from '../modules/org/org.table';
import * as auth from '../modules/auth/auth.table';
import * as audit from '../modules/audit/audit.table';

export const schema = { ...org, ...auth, ...audit };
