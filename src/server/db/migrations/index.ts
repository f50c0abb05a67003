import type { Migration } from 'kysely';
import * as foundation from './2026_11_28_0001_foundation';
import * as catalogWorkHoursSessions from './2026_11_28_0002_catalog_work_hours_sessions';
import * as scheduling from './2026_11_28_0003_scheduling';
import * as messaging from './2026_11_28_0004_messaging';
import * as sessionManagement from './2026_11_28_0005_session_management';
import * as documents from './2026_11_28_0006_documents';
import * as signIns from './2026_11_30_0007_sign_ins';
import * as liveChat from './2026_11_30_0008_live_chat';
import * as lifecycleVideo from './2026_11_30_0009_lifecycle_video';
import * as medcartEhr from './2026_11_30_0010_medcart_ehr';
import * as contactChanged from './2026_11_30_0011_contact_changed';
import * as organizationDeactivation from './2026_12_01_0012_organization_deactivation';
import * as passwordLinks from './2026_12_01_0013_password_links';
import * as outboxAttemptMarks from './2026_12_01_0014_outbox_attempt_marks';
import * as auditSubjects from './2026_12_01_0015_audit_subjects';
import * as auditChain from './2026_12_01_0016_audit_chain';
import * as staffMfa from './2026_12_01_0017_staff_mfa';
import * as participantVerification from './2026_12_01_0019_participant_verification';
import * as organizationLogo from './2026_12_01_0020_organization_logo';
import * as reminderQueue from './2026_12_01_0021_reminder_queue';

/** Every migration, by name; names sort in the order they run. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '2026_11_28_0001_foundation': foundation,
  '2026_11_28_0002_catalog_work_hours_sessions': catalogWorkHoursSessions,
  '2026_11_28_0003_scheduling': scheduling,
  '2026_11_28_0004_messaging': messaging,
  '2026_11_28_0005_session_management': sessionManagement,
  '2026_11_28_0006_documents': documents,
  '2026_11_30_0007_sign_ins': signIns,
  '2026_11_30_0008_live_chat': liveChat,
  '2026_11_30_0009_lifecycle_video': lifecycleVideo,
  '2026_11_30_0010_medcart_ehr': medcartEhr,
  '2026_11_30_0011_contact_changed': contactChanged,
  '2026_12_01_0012_organization_deactivation': organizationDeactivation,
  '2026_12_01_0013_password_links': passwordLinks,
  '2026_12_01_0014_outbox_attempt_marks': outboxAttemptMarks,
  '2026_12_01_0015_audit_subjects': auditSubjects,
  '2026_12_01_0016_audit_chain': auditChain,
  '2026_12_01_0017_staff_mfa': staffMfa,
  '2026_12_01_0019_participant_verification': participantVerification,
  '2026_12_01_0020_organization_logo': organizationLogo,
  '2026_12_01_0021_reminder_queue': reminderQueue,
};
