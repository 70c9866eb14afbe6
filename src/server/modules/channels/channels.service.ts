/** What other modules use of the channels module: sealing a secret at rest with the server key. */
export { openSecrets, sealSecrets, secretKeyOf } from './channels.secrets';
export { channelAccounts } from './channels.table';
/** The WeCom/DingTalk app's access token (cached per account), for staff sign-in in the auth module. */
export { accessToken as staffAccessToken, type StaffAccount } from './channels.staff-vendors';
