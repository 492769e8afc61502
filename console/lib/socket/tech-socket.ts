// Socket.IO for a technician's phone. The session cookie decides the rooms: the server puts the socket in
// `tech:<id>`, which hears `order:updated` for every order the technician holds or has just lost.
import type { OrderSummary } from '$realtime/events';
import { openConnection, type Connection, type ConnectionOptions, type ConsoleSocket } from './connection';

export type TechSocket = ConsoleSocket;
export type TechConnection = Connection;

export interface TechConnectionOptions extends ConnectionOptions {
  onOrder: (order: OrderSummary) => void;
}

export function connectTech(options: TechConnectionOptions): TechConnection {
  const connection = openConnection(options);
  connection.socket.on('order:updated', (order) => options.onOrder(order));
  return connection;
}
