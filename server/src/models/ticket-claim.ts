import { Schema, type InferSchemaType } from 'mongoose';

/**
 * Write claims on ticket versions. FerretDB v1 (SQLite backend) applies an update by reading the
 * document and writing it back without isolation: two concurrent `findOneAndUpdate({_id, version: v})`
 * BOTH report success (measured: 20 of 20 races). A unique-_id insert, however, is decided by the
 * storage engine's primary key. So before changing a ticket at version v, a writer inserts
 * `<ticketId>:<v>:<generation>`; only the winner may write. Claims stay for an hour (a writer with a
 * slightly stale read must still find its version taken), then a sweep removes them.
 * A claim older than the lease (its writer crashed) lets the next generation take over.
 */
export const ticketClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'ticket_claims', versionKey: false },
);

export type TicketClaimDoc = InferSchemaType<typeof ticketClaimSchema>;
