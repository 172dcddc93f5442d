import mongoose from 'mongoose';

// Shared by the dump test and the SQLite → PostgreSQL move test (test/process): documents with every BSON type.
const { EJSON, ObjectId, Long, Int32, Double, Binary } = mongoose.mongo.BSON;

/** Documents with every type the server stores, and a few it might. */
export function sampleDocuments(): Record<string, mongoose.mongo.Document[]> {
  const id = new ObjectId();
  return {
    move_tickets: [
      {
        _id: id,
        trackingNo: 'YY20260101-0001',
        title: '人行道上有暴露垃圾',
        createdAt: new Date('2026-01-01T08:30:00.123Z'),
        routing: { districtCode: '430602', departmentId: new ObjectId(), reason: { rule: 'r1', hops: new Int32(2) } },
        timeline: [
          { at: new Date('2026-01-01T08:30:00.123Z'), action: 'submitted', by: null },
          { at: new Date('2026-01-02T09:00:00Z'), action: 'accepted', by: 'zhihui' },
        ],
        photos: ['a.jpg', 'b.jpg'],
        rating: new Double(4.0),
        score: new Double(4.5),
        version: new Int32(3),
        big: Long.fromString('9007199254740993'),
        flag: true,
        blob: new Binary(Buffer.from([0, 1, 2, 255])),
      },
      { _id: 'string-id', note: 'an _id that is not an ObjectId', empty: {} },
    ],
    move_counters: Array.from({ length: 1234 }, (_, i) => ({ _id: new ObjectId(), n: new Int32(i), d: new Date(Date.UTC(2026, 0, 1) + i) })),
    move_empty: [],
  };
}

/** Canonical EJSON of a collection with BSON types kept, in _id order: equal strings mean equal documents and types. */
export async function canonical(db: mongoose.mongo.Db, name: string): Promise<string[]> {
  const docs = await db.collection(name).find({}, { promoteValues: false, promoteLongs: false, promoteBuffers: false }).toArray();
  return docs.map((d) => EJSON.stringify(d, { relaxed: false })).sort();
}
