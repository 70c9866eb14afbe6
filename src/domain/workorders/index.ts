/** Public API of the work-order core (派工单): states, appointments, paid/free, quotes. */
export * from './workorders.states';
export * from './workorders.appointments';
export * from './workorders.service-class';
export * from './workorders.quote';
export * from './workorders.number';
export * from './workorders.customer-requests';
export * from './workorders.fault';
export * from './workorders.contracts';
export * from './workorders.acceptance';
