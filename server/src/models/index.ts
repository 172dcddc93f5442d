import type { Connection } from 'mongoose';
import { auditLogSchema } from './audit-log.js';
import { citizenSchema } from './citizen.js';
import { refreshTokenSchema } from './refresh-token.js';
import { districtSchema } from './district.js';
import { seedStampSchema } from './seed-stamp.js';
import { staffUserSchema } from './staff-user.js';
import { wasteItemSchema } from './waste-item.js';
import { streetSchema } from './street.js';
import { claimSchema } from './claim.js';
import { wasteCategorySchema } from './waste-category.js';
import { wasteMissSchema } from './waste-miss.js';
import { uploadSchema } from './upload.js';
import { uploadClaimSchema } from './upload-claim.js';
import { departmentSchema } from './department.js';
import { routingRuleSchema } from './routing-rule.js';
import { categorySchema } from './category.js';
import { ticketSchema } from './ticket.js';
import { idempotencyKeySchema } from './idempotency-key.js';
import { kernelStampSchema } from './kernel-stamp.js';
import { replyTemplateSchema } from './reply-template.js';
import { ticketQueueSchema, ticketRowSchema } from './ticket-queue.js';
import { citizenMonthSchema } from './citizen-month.js';
import { queueCountDirtySchema, queueCountLeaseSchema, queueCountSchema } from './queue-count.js';
import { complaintSchema } from './complaint.js';
import { complaintCountDirtySchema, complaintCountSchema, complaintOpenSchema, complaintRowSchema } from './complaint-row.js';
import { carParkSchema } from './car-park.js';
import { toiletSchema } from './toilet.js';
import { parkingOperatorSchema } from './parking-operator.js';
import { parkingOccupancySchema } from './parking-occupancy.js';
import { wechatTokenSchema } from './wechat-token.js';
import { subscriptionCreditSchema } from './subscription-credit.js';
import { outboxDeliverySchema } from './outbox-delivery.js';
import { notificationTemplateSchema } from './notification-template.js';
import { staffAlertSchema } from './staff-alert.js';
import { contentCheckSchema } from './content-check.js';
import { open311KeySchema } from './open311-key.js';
import { open311RowSchema } from './open311-row.js';
import { staffSessionSchema } from './staff-session.js';
import { loginFailureSchema } from './login-failure.js';
import { piiKeySchema } from './pii-key.js';
import { rateSlotSchema } from './rate-slot.js';
import { statDaySchema, statDirtySchema, statFactSchema, statLeaseSchema, statMonthSchema, statWeightsSchema } from './stat.js';

/** All models bound to one connection (tests use one database per file, so models are per connection). */
export function createModels(conn: Connection) {
  return {
    StaffUser: conn.model('StaffUser', staffUserSchema),
    Citizen: conn.model('Citizen', citizenSchema),
    District: conn.model('District', districtSchema),
    SeedStamp: conn.model('SeedStamp', seedStampSchema),
    CitizenMonth: conn.model('CitizenMonth', citizenMonthSchema),
    WasteItem: conn.model('WasteItem', wasteItemSchema),
    WasteCategory: conn.model('WasteCategory', wasteCategorySchema),
    WasteMiss: conn.model('WasteMiss', wasteMissSchema),
    Street: conn.model('Street', streetSchema),
    Claim: conn.model('Claim', claimSchema),
    RateSlot: conn.model('RateSlot', rateSlotSchema),
    AuditLog: conn.model('AuditLog', auditLogSchema),
    PiiKey: conn.model('PiiKey', piiKeySchema),
    RefreshToken: conn.model('RefreshToken', refreshTokenSchema),
    StaffSession: conn.model('StaffSession', staffSessionSchema),
    LoginFailure: conn.model('LoginFailure', loginFailureSchema),
    Upload: conn.model('Upload', uploadSchema),
    UploadClaim: conn.model('UploadClaim', uploadClaimSchema),
    Department: conn.model('Department', departmentSchema),
    RoutingRule: conn.model('RoutingRule', routingRuleSchema),
    Category: conn.model('Category', categorySchema),
    Ticket: conn.model('Ticket', ticketSchema),
    IdempotencyKey: conn.model('IdempotencyKey', idempotencyKeySchema),
    KernelStamp: conn.model('KernelStamp', kernelStampSchema),
    ReplyTemplate: conn.model('ReplyTemplate', replyTemplateSchema),
    TicketQueue: conn.model('TicketQueue', ticketQueueSchema),
    TicketRow: conn.model('TicketRow', ticketRowSchema),
    QueueCount: conn.model('QueueCount', queueCountSchema),
    QueueCountLease: conn.model('QueueCountLease', queueCountLeaseSchema),
    QueueCountDirty: conn.model('QueueCountDirty', queueCountDirtySchema),
    Complaint: conn.model('Complaint', complaintSchema),
    ComplaintRow: conn.model('ComplaintRow', complaintRowSchema),
    ComplaintOpen: conn.model('ComplaintOpen', complaintOpenSchema),
    ComplaintCount: conn.model('ComplaintCount', complaintCountSchema),
    ComplaintCountDirty: conn.model('ComplaintCountDirty', complaintCountDirtySchema),
    CarPark: conn.model('CarPark', carParkSchema),
    Toilet: conn.model('Toilet', toiletSchema),
    ParkingOperator: conn.model('ParkingOperator', parkingOperatorSchema),
    ParkingOccupancy: conn.model('ParkingOccupancy', parkingOccupancySchema),
    WechatToken: conn.model('WechatToken', wechatTokenSchema),
    SubscriptionCredit: conn.model('SubscriptionCredit', subscriptionCreditSchema),
    OutboxDelivery: conn.model('OutboxDelivery', outboxDeliverySchema),
    NotificationTemplate: conn.model('NotificationTemplate', notificationTemplateSchema),
    StaffAlert: conn.model('StaffAlert', staffAlertSchema),
    ContentCheck: conn.model('ContentCheck', contentCheckSchema),
    Open311Key: conn.model('Open311Key', open311KeySchema),
    Open311Row: conn.model('Open311Row', open311RowSchema),
    StatFact: conn.model('StatFact', statFactSchema),
    StatDay: conn.model('StatDay', statDaySchema),
    StatMonth: conn.model('StatMonth', statMonthSchema),
    StatDirty: conn.model('StatDirty', statDirtySchema),
    StatLease: conn.model('StatLease', statLeaseSchema),
    StatWeights: conn.model('StatWeights', statWeightsSchema),
  };
}

export type Models = ReturnType<typeof createModels>;
