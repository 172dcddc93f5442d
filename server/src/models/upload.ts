import { Schema } from 'mongoose';

/**
 * One uploaded photo, already re-encoded (rotated, metadata stripped) and stored on disk under
 * DATA_DIR/uploads/<yyyy>/<mm>/<id>.jpg (+ <id>_thumb.jpg). The _id is 128 random bits: knowing it is
 * the capability to fetch the file, so links work inside <img> tags without a bearer token.
 */
export const uploadSchema = new Schema(
  {
    /** 32 hex chars from crypto.randomBytes(16); file lookups are _id equality (FerretDB pushes it down) */
    _id: { type: String, required: true },
    ownerKind: { type: String, enum: ['citizen', 'staff'], required: true },
    ownerId: { type: String, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    /** size of the stored main JPEG */
    bytes: { type: Number, required: true },
    thumbBytes: { type: Number, required: true },
    /** sha256 (hex) of the stored main JPEG */
    sha256: { type: String, required: true },
    /** type detected from the magic bytes of the original: image/jpeg | image/png | image/webp */
    originalType: { type: String, required: true },
    /** path of the main file relative to DATA_DIR/uploads, e.g. 2026/11/<id>.jpg */
    relPath: { type: String, required: true },
    createdAt: { type: Date, required: true },
    /** null until a report / resolution claims it; set by one conditional update (filter attachedTo: null) */
    attachedTo: {
      type: new Schema({ kind: { type: String, required: true }, id: { type: String, required: true } }, { _id: false }),
      default: null,
    },
    attachedAt: { type: Date, default: null },
    /**
     * Asia/Shanghai day of createdAt while the upload is unattached, null once a claim marks it attached:
     * the purge job finds stale uploads by this equality (`attachedTo: null` and a createdAt range are
     * not pushed down by FerretDB: that read scanned every upload, 75 s at 447,000). Absent on uploads
     * written before it existed (jobs/purge-uploads.ts dates those once).
     */
    pendingDay: { type: String, default: null },
  },
  { collection: 'uploads', versionKey: false },
);
// the purge job reads the unattached uploads of one day at a time
uploadSchema.index({ pendingDay: 1 });

