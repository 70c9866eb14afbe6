export { GatewayApproval } from './gateway-approval';
