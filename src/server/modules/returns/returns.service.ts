/** The returns module's public face (docs/decisions/0012): the demo fills the counter through it. */
export { RETURN_SUBJECT } from './returns.usecases';
export {
  createReturn,
  requiredDocuments,
  setDocuments,
  signReturn,
  submitReturn,
  withdrawReturn,
} from './returns.usecases';
