/**
 * The codes and words of imports.ts (and its small rules) shared by the API and the web app. No zod here, so a page
 * that shows them does not load the schema library; imports.ts builds its schemas from these.
 */
/** Kinds read as a table of rows and columns (CSV or XLSX). */
export const TABULAR_IMPORT_KINDS = ['pupils', 'contacts', 'groups', 'staff'] as const;
export type TTabularImportKind = (typeof TABULAR_IMPORT_KINDS)[number];

export interface ImportField {
  key: string;
  label: string;
  required: boolean;
  /** Header names that mean this field in any export (compared without case, spaces or punctuation). */
  aliases: readonly string[];
}

const f = (key: string, label: string, required: boolean, aliases: readonly string[]): ImportField => ({ key, label, required, aliases });

/** Every kind: the tabular ones, and `ctf`, a DfE common transfer file (XML) of pupils with their contacts and history. */
export const IMPORT_KINDS = [...TABULAR_IMPORT_KINDS, 'ctf'] as const;
export type TImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<TImportKind, string> = {
  pupils: 'Pupils', contacts: 'Parents and carers (contacts)', groups: 'Forms and classes, with their pupils', staff: 'Staff',
  ctf: 'Common transfer file (CTF) from another school',
};

export const IMPORT_FIELDS = {
  pupils: [
    f('upn', 'UPN', true, ['UPN', 'Unique Pupil Number', 'Pupil UPN', 'Student UPN']),
    f('legalForename', 'Legal forename', true, ['Legal Forename', 'Legal First Name', 'Forename', 'First Name', 'Firstname', 'Given Name']),
    f('legalSurname', 'Legal surname', true, ['Legal Surname', 'Legal Last Name', 'Surname', 'Last Name', 'Lastname', 'Family Name']),
    f('preferredForename', 'Preferred forename', false, ['Preferred Forename', 'Preferred First Name', 'Preferred Name', 'Known As', 'Chosen Forename']),
    f('preferredSurname', 'Preferred surname', false, ['Preferred Surname', 'Preferred Last Name', 'Chosen Surname']),
    f('dateOfBirth', 'Date of birth', true, ['Date of Birth', 'DOB', 'Birth Date', 'DateOfBirth']),
    f('sex', 'Sex', true, ['Sex', 'Gender', 'Legal Sex']),
    f('yearGroup', 'Year group', true, ['Year Group', 'Year Taught In', 'NC Year', 'National Curriculum Year', 'Year', 'Curriculum Year', 'NCYearActual']),
    f('form', 'Form', false, ['Reg Group', 'Registration Group', 'Registration Form', 'Form', 'Form Group', 'Tutor Group', 'Form/Tutor Group', 'Class']),
    f('enrolmentStart', 'Admission date', false, ['Admission Date', 'Date of Admission', 'Start Date', 'Enrolment Date', 'Entry Date', 'Admissions Date']),
    f('enrolmentEnd', 'Leaving date', false, ['Leaving Date', 'Date of Leaving', 'End Date', 'Leave Date']),
    f('senStatus', 'SEN status', false, ['SEN Status', 'SEN Provision', 'SEN', 'SEND Status', 'SEN Need Status']),
    f('primaryNeed', 'SEN primary need', false, ['Primary Need', 'SEN Primary Need', 'SEN Need Type', 'Primary SEN Need', 'SEN Need']),
    f('pupilPremium', 'Pupil premium', false, ['Pupil Premium', 'Pupil Premium Indicator', 'PP', 'PP Eligible', 'Eligible for Pupil Premium']),
    f('fsm', 'Free school meals', false, ['FSM', 'FSM Eligible', 'Free School Meals', 'Eligible for FSM', 'FSM Eligibility']),
    f('lookedAfter', 'Looked after (CLA)', false, ['In Care', 'Looked After', 'CLA', 'Child Looked After', 'Looked After Child', 'In LA Care']),
    f('eal', 'EAL', false, ['EAL', 'English as an Additional Language', 'EAL Status']),
    f('firstLanguage', 'First language', false, ['First Language', 'Home Language', 'Language']),
    f('ethnicity', 'Ethnicity', false, ['Ethnicity', 'Ethnic Code', 'Ethnicity Code', 'Ethnic Group', 'Ethnicity (Code)']),
    f('medicalFlag', 'Medical flag', false, ['Medical Flag', 'Medical Conditions', 'Has Medical Condition', 'Medical']),
  ],
  contacts: [
    f('upn', 'Pupil UPN', true, ['UPN', 'Pupil UPN', 'Student UPN', 'Unique Pupil Number']),
    f('externalId', 'Contact id (from the MIS)', false, ['Contact ID', 'Contact Id', 'Guardian ID', 'Contact Reference', 'Person ID']),
    f('title', 'Title', false, ['Title', 'Contact Title', 'Guardian Title']),
    f('forename', 'Contact forename', true, ['Contact Forename', 'Contact First Name', 'Guardian First Name', 'Guardian Forename', 'Contact Legal Forename', 'Forename', 'First Name']),
    f('surname', 'Contact surname', true, ['Contact Surname', 'Contact Last Name', 'Guardian Last Name', 'Guardian Surname', 'Contact Legal Surname', 'Surname', 'Last Name']),
    f('relationship', 'Relationship', true, ['Relationship', 'Relationship to Pupil', 'Relationship to Student', 'Contact Relationship', 'Guardian Relationship', 'Relation']),
    f('parentalResponsibility', 'Parental responsibility', false, ['Parental Responsibility', 'Has Parental Responsibility', 'PR', 'Parental Resp']),
    f('priority', 'Priority', false, ['Priority', 'Contact Priority', 'Order', 'Contact Order', 'Guardian Priority']),
    f('email', 'Email', false, ['Email', 'Email Address', 'Contact Email', 'Guardian Email', 'Main Email', 'Primary Email']),
    f('phone', 'Phone', false, ['Phone', 'Telephone', 'Mobile', 'Mobile Phone', 'Contact Phone', 'Contact Telephone', 'Main Telephone', 'Primary Telephone', 'Guardian Mobile']),
    f('preferredContact', 'Preferred way to contact', false, ['Preferred Contact', 'Preferred Contact Method', 'Contact Preference', 'Preferred Method']),
  ],
  groups: [
    f('name', 'Group', true, ['Group', 'Group Name', 'Reg Group', 'Registration Group', 'Registration Form', 'Form', 'Tutor Group', 'Class', 'Class Name', 'Teaching Group']),
    f('kind', 'Kind of group', false, ['Group Type', 'Type', 'Kind', 'Group Kind']),
    f('yearGroup', 'Year group', false, ['Year Group', 'Year Taught In', 'NC Year', 'Year']),
    f('upn', 'Pupil UPN', false, ['UPN', 'Pupil UPN', 'Student UPN', 'Unique Pupil Number']),
  ],
  staff: [
    f('staffCode', 'Staff code', false, ['Staff Code', 'Staff Initials', 'Code', 'Teacher Code', 'Initials', 'Staff ID']),
    f('forename', 'Forename', true, ['Legal Forename', 'Legal First Name', 'Forename', 'First Name', 'Preferred Forename']),
    f('surname', 'Surname', true, ['Legal Surname', 'Legal Last Name', 'Surname', 'Last Name', 'Preferred Surname']),
    f('jobTitle', 'Job title', false, ['Job Title', 'Role', 'Post', 'Staff Role', 'Position']),
    f('email', 'Work email', false, ['Email', 'Work Email', 'Email Address', 'School Email', 'Work Email Address']),
  ],
  /** A CTF is read by its elements, not by columns: nothing to map. */
  ctf: [],
} as const satisfies Record<TImportKind, readonly ImportField[]>;

export const IMPORT_PRESETS = ['sims', 'arbor', 'bromcom', 'haven'] as const;
export type TImportPreset = (typeof IMPORT_PRESETS)[number];

export const IMPORT_PRESET_LABELS: Record<TImportPreset, string> = { sims: 'SIMS', arbor: 'Arbor', bromcom: 'Bromcom', haven: 'Haven template or other' };

/** The largest file an import takes (a whole-school MIS export is well under this). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
