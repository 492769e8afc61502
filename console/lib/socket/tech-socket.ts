// Socket.IO for a technician's phone. The session cookie decides the rooms: the server puts the socket in
// `tech:<id>`, which hears `order:updated` for every order the technician holds or has just lost, and
// `settlement:updated` when what one of them pays changes.
import type { SettlementView } from '$realtime/contract';
import type { OrderSummary } from '$realtime/events';
import { openConnection, type Connection, type ConnectionOptions, type ConsoleSocket } from './connection';

export type TechSocket = ConsoleSocket;
export type TechConnection = Connection;

export interface TechConnectionOptions extends ConnectionOptions {
  onOrder: (order: OrderSummary) => void;
  onSettlement: (settlement: SettlementView) => void;
}

export function connectTech(options: TechConnectionOptions): TechConnection {
  const connection = openConnection(options);
  connection.socket.on('order:updated', (order) => options.onOrder(order));
  connection.socket.on('settlement:updated', (settlement) => options.onSettlement(settlement));
  return connection;
}
