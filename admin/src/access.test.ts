import { describe, expect, it } from 'vitest';
import { computeAccess, roleLabels } from './access';
import type { Role } from './services/types';

const as = (...roles: Role[]) => computeAccess({ roles });

describe('computeAccess', () => {
  it('shows nothing when logged out', () => {
    const a = computeAccess(null);
    expect(a.isLoggedIn).toBe(false);
    expect(a.canSeeTickets).toBe(false);
    expect(a.canManageUsers).toBe(false);
  });

  it('admin sees everything', () => {
    const a = as('admin');
    expect(a).toMatchObject({
      canSeeTickets: true,
      canBulkAccept: true,
      canBulkDispatch: true,
      canTransfer: true,
      canSeeTemplates: true,
      canManageTemplates: true,
      canManageUsers: true,
      canSeeAudit: true,
      canManageWaste: true,
      canManageMasterData: true,
      canManagePoi: true,
      canSeeComplaints: true,
      readOnly: false,
    });
  });

  it('dispatcher works tickets in bulk and maintains templates, but not users or audit', () => {
    const a = as('dispatcher');
    expect(a.canBulkAccept && a.canBulkDispatch && a.canTransfer && a.canManageTemplates).toBe(true);
    expect(a.canManageUsers).toBe(false);
    expect(a.canSeeAudit).toBe(false);
  });

  it('handler sees tickets and maintains templates, no bulk actions, no transfer', () => {
    const a = as('handler');
    expect(a.canSeeTickets).toBe(true);
    expect(a.canSeeTemplates).toBe(true);
    expect(a.canManageTemplates).toBe(true);
    expect(a.canBulkAccept || a.canBulkDispatch || a.canTransfer).toBe(false);
    expect(a.readOnly).toBe(false);
  });

  it('viewer and complaint officer are read-only on tickets', () => {
    for (const role of ['viewer', 'complaint_officer'] as Role[]) {
      const a = as(role);
      expect(a.canSeeTickets).toBe(true);
      expect(a.readOnly).toBe(true);
      expect(a.canSeeTemplates).toBe(true);
      expect(a.canBulkAccept || a.canManageTemplates || a.canManageUsers).toBe(false);
    }
  });

  it('combines roles', () => {
    const a = as('handler', 'viewer');
    expect(a.readOnly).toBe(false);
    expect(a.canSeeTemplates).toBe(true);
  });

  it('only admins manage waste items, master data and car parks/toilets', () => {
    for (const role of ['dispatcher', 'handler', 'complaint_officer', 'viewer'] as Role[]) {
      const a = as(role);
      expect(a.canManageWaste || a.canManageMasterData || a.canManagePoi).toBe(false);
    }
  });

  it('信访 is for complaint officers and admins only', () => {
    expect(as('complaint_officer').canSeeComplaints).toBe(true);
    for (const role of ['dispatcher', 'handler', 'viewer'] as Role[]) expect(as(role).canSeeComplaints).toBe(false);
  });

  it('考核 is for leaders (viewer), dispatchers and admins; weights for admins only; 督办 for leaders and dispatchers', () => {
    for (const role of ['viewer', 'dispatcher', 'admin'] as Role[]) expect(as(role).canSeeAssessment).toBe(true);
    for (const role of ['handler', 'complaint_officer'] as Role[]) expect(as(role).canSeeAssessment).toBe(false);
    for (const role of ['viewer', 'dispatcher', 'admin'] as Role[]) expect(as(role).canSeeTicketMap).toBe(true);
    for (const role of ['handler', 'complaint_officer'] as Role[]) expect(as(role).canSeeTicketMap).toBe(false);
    expect(as('admin').canManageAssessmentWeights).toBe(true);
    for (const role of ['viewer', 'dispatcher', 'handler'] as Role[]) expect(as(role).canManageAssessmentWeights).toBe(false);
    expect(as('viewer').canSupervise && as('dispatcher').canSupervise).toBe(true);
    expect(as('handler').canSupervise || as('complaint_officer').canSupervise).toBe(false);
  });

  it('a user without roles sees no workbench', () => {
    expect(as().canSeeTickets).toBe(false);
  });
});

describe('roleLabels', () => {
  it('gives Chinese labels in a stable order', () => {
    expect(roleLabels(['viewer', 'admin'])).toEqual(['系统管理员', '只读查看']);
  });
});
