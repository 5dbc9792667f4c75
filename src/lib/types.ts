export type PersonRole = 'student' | 'graduate' | 'employer_staff' | 'university_staff' | 'administrator';
export type OrganizationKind = 'employer' | 'university' | 'administration';
export type VerificationStatus = 'pending' | 'verified' | 'rejected';

/** What pages may know about the signed-in person. */
export interface PublicPerson {
  id: string;
  email: string;
  fullName: string;
  role: PersonRole | null;
  organization: {
    id: string;
    kind: OrganizationKind;
    name: string;
    verificationStatus: VerificationStatus;
    membershipRole: 'owner' | 'member';
  } | null;
}

export const ROLE_LABELS: Record<PersonRole, string> = {
  student: 'Студент',
  graduate: 'Выпускник',
  employer_staff: 'Работодатель',
  university_staff: 'Сотрудник вуза',
  administrator: 'Администрация города',
};

/** The home page of each role. */
export const ROLE_HOME: Record<PersonRole, string> = {
  student: '/student',
  graduate: '/student',
  employer_staff: '/employer',
  university_staff: '/university',
  administrator: '/admin',
};
