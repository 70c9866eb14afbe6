/** What other modules use of the channels module: sealing a secret at rest with the server key. */
export { openSecrets, sealSecrets, secretKeyOf } from './channels.secrets';
