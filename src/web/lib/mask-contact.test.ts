import { describe, expect, it } from 'vitest';
import { invitationRoute, maskEmail, maskPhone } from './mask-contact';

describe('invitation route', () => {
  it('masks the address and the number', () => {
    expect(maskEmail('ada@example.test')).toBe('a•••@example.test');
    expect(maskPhone('+12125550100')).toBe('+1 ••• 0100');
  });

  it('names each way the invitation goes', () => {
    const ada = { email: 'ada@example.test', phone: '+12125550100' };
    expect(invitationRoute(ada, 'email')).toBe('by email to a•••@example.test');
    expect(invitationRoute(ada, 'email_sms')).toBe('by email to a•••@example.test and by SMS to +1 ••• 0100');
    expect(invitationRoute({ email: null, phone: null }, 'sms')).toBe('by SMS to no number on file');
    expect(invitationRoute(ada, 'none')).toMatch(/no message/);
  });
});
