/** The returns module's public face (docs/decisions/0012): nothing is called from outside yet. */
export { RETURN_SUBJECT } from './returns.usecases';
