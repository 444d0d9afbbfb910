/**
 * Name pools for the demo trust, by DfE ethnicity code, so that a pupil's names, ethnicity and first language fit
 * together as they would in a trust in the north of England. Every name here is common; no real person is meant.
 */
import type { Rng } from './prng.ts';

export const ETHNICITY_CODES = [
  'WBRI', 'WIRI', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN', 'ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH',
  'CHNE', 'OOTH', 'REFU',
] as const;
export type EthnicityCode = (typeof ETHNICITY_CODES)[number];

/** Roughly a special-school population in West Yorkshire: White British majority, sizeable Pakistani heritage. */
export const ETHNICITY_WEIGHTS: Readonly<Record<EthnicityCode, number>> = {
  WBRI: 66, WIRI: 1, WOTH: 4, WROM: 2, MWBC: 3, MWBA: 1.5, MWAS: 1.5, MOTH: 1.5, AIND: 1.5, APKN: 6, ABAN: 1.5, AOTH: 1,
  BCRB: 1.5, BAFR: 3, BOTH: 0.5, CHNE: 0.5, OOTH: 2, REFU: 2,
};

interface Pool {
  readonly boys: readonly string[];
  readonly girls: readonly string[];
  readonly surnames: readonly string[];
  /** Probability of English as an additional language, and the first languages then spoken. */
  readonly eal: number;
  readonly languages: readonly string[];
}

const ENGLISH_BOYS = ['Oliver', 'Jack', 'Harry', 'George', 'Charlie', 'Jacob', 'Thomas', 'Alfie', 'Riley', 'William', 'James', 'Joshua', 'Leo', 'Oscar', 'Archie', 'Ethan', 'Mason', 'Logan', 'Tyler', 'Kyle', 'Callum', 'Connor', 'Lewis', 'Jayden', 'Reece', 'Liam', 'Dylan', 'Kieran', 'Max', 'Finley', 'Alexander', 'Samuel', 'Daniel', 'Benjamin', 'Matthew', 'Nathan'];
const ENGLISH_GIRLS = ['Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophie', 'Grace', 'Lily', 'Ella', 'Mia', 'Chloe', 'Ellie', 'Megan', 'Holly', 'Jessica', 'Lucy', 'Paige', 'Courtney', 'Evie', 'Freya', 'Poppy', 'Ruby', 'Katie', 'Abigail', 'Charlotte', 'Elizabeth', 'Summer', 'Niamh', 'Lacey', 'Millie'];
const ENGLISH_SURNAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Walker', 'Wood', 'Robinson', 'Thompson', 'Wright', 'Hall', 'Green', 'Harrison', 'Clarke', 'Jackson', 'Turner', 'Hill', 'Shaw', 'Ward', 'Holmes', 'Barker', 'Booth', 'Firth', 'Greenwood', 'Hirst', 'Sutcliffe', 'Ackroyd', 'Haigh', 'Lockwood', 'Mitchell', 'Atkinson', 'Dixon', 'Marshall', 'Bailey', 'Fletcher', 'Armitage', 'Whiteley', 'Naylor', 'Crowther', 'Hargreaves'];

const POOLS: Readonly<Record<EthnicityCode, Pool>> = {
  WBRI: { boys: ENGLISH_BOYS, girls: ENGLISH_GIRLS, surnames: ENGLISH_SURNAMES, eal: 0, languages: [] },
  WIRI: { boys: ['Seán', 'Cian', 'Oisín', 'Conor', 'Patrick', 'Darragh'], girls: ['Aoife', 'Niamh', 'Siobhán', 'Ciara', 'Róisín'], surnames: ["O'Brien", 'Murphy', 'Kelly', "O'Sullivan", 'Byrne', 'Ryan', 'Doyle', 'McCarthy'], eal: 0, languages: [] },
  WOTH: { boys: ['Jakub', 'Kacper', 'Filip', 'Lukas', 'Andrei', 'Matei', 'Tomasz', 'Dominik'], girls: ['Zuzanna', 'Maja', 'Julia', 'Amelia', 'Ioana', 'Emilija', 'Natalia'], surnames: ['Nowak', 'Wójcik', 'Popescu', 'Ionescu', 'Kazlauskas', 'Horváth', 'Silva', 'Ferreira', 'Novák'], eal: 0.85, languages: ['Polish', 'Polish', 'Romanian', 'Lithuanian', 'Portuguese', 'Slovak', 'Hungarian'] },
  WROM: { boys: ['Levi', 'Tyson', 'Jimmy', 'Frankie', 'Romeo', 'Elijah', 'Marius'], girls: ['Rosie', 'Esther', 'Kizzy', 'Dolly', 'Shannon', 'Denisa'], surnames: ['Boswell', 'Lovell', 'Loveridge', 'Price', 'Lee', 'Lakatos', 'Balog', 'Smith'], eal: 0.3, languages: ['Romani', 'Slovak', 'Czech', 'Romanian'] },
  MWBC: { boys: ['Jayden', 'Kai', 'Tyrell', 'Malachi', 'Reggie', 'Isaiah', 'Marley'], girls: ['Tia', 'Jada', 'Nia', 'Leah', 'Imani', 'Maya'], surnames: ['Campbell', 'Brown', 'Williams', 'Thomas', 'Clarke', 'Francis', 'Walker', 'Morgan'], eal: 0, languages: [] },
  MWBA: { boys: ['Zane', 'Ezra', 'Jamal', 'Tobi', 'Kofi', 'Leo'], girls: ['Amara', 'Zara', 'Nia', 'Ruby', 'Ayla'], surnames: ['Mensah', 'Okafor', 'Taylor', 'Adeyemi', 'Wilson', 'Boateng'], eal: 0.05, languages: ['Yoruba', 'Twi'] },
  MWAS: { boys: ['Ryan', 'Adam', 'Zac', 'Sami', 'Arun', 'Jamie'], girls: ['Layla', 'Maya', 'Anya', 'Sofia', 'Jasmine'], surnames: ['Khan', 'Patel', 'Hussain', 'Shaw', 'Ali', 'Robinson'], eal: 0.05, languages: ['Urdu', 'Panjabi'] },
  MOTH: { boys: ['Elias', 'Noah', 'Adam', 'Rayan', 'Lucas'], girls: ['Sara', 'Lina', 'Mila', 'Hana', 'Zoe'], surnames: ['Hassan', 'Martin', 'Santos', 'Clarke', 'Moreno'], eal: 0.1, languages: ['Arabic', 'Spanish'] },
  AIND: { boys: ['Arjun', 'Aarav', 'Rohan', 'Harjeet', 'Veer', 'Dev'], girls: ['Priya', 'Ananya', 'Simran', 'Harpreet', 'Isha'], surnames: ['Patel', 'Sharma', 'Singh', 'Gill', 'Kumar', 'Mistry', 'Sandhu'], eal: 0.35, languages: ['Gujarati', 'Panjabi', 'Hindi'] },
  APKN: { boys: ['Muhammad', 'Ali', 'Hamza', 'Zain', 'Ibrahim', 'Yusuf', 'Haris', 'Ayaan', 'Bilal', 'Rehan'], girls: ['Ayesha', 'Fatima', 'Maryam', 'Zara', 'Aleena', 'Hafsa', 'Inaaya', 'Khadija'], surnames: ['Khan', 'Hussain', 'Ahmed', 'Akhtar', 'Iqbal', 'Rashid', 'Mahmood', 'Butt', 'Bibi', 'Shah', 'Hanif'], eal: 0.55, languages: ['Urdu', 'Panjabi', 'Pahari', 'Pashto'] },
  ABAN: { boys: ['Rahim', 'Tanvir', 'Ayaan', 'Rayhan', 'Sabbir'], girls: ['Nusrat', 'Tasnim', 'Sumaiya', 'Jannat', 'Rumana'], surnames: ['Miah', 'Uddin', 'Rahman', 'Islam', 'Hoque', 'Chowdhury', 'Begum'], eal: 0.6, languages: ['Bengali', 'Sylheti'] },
  AOTH: { boys: ['Suman', 'Anish', 'Bishal', 'Tharun', 'Kasun'], girls: ['Nisha', 'Tharani', 'Anusha', 'Samjhana'], surnames: ['Gurung', 'Tamang', 'Rai', 'Sivakumar', 'Perera', 'Fernando'], eal: 0.6, languages: ['Nepali', 'Tamil', 'Sinhala'] },
  BCRB: { boys: ['Jermaine', 'Kyle', 'Isaiah', 'Josiah', 'Andre', 'Kairo'], girls: ['Shanice', 'Keisha', 'Tianna', 'Jasmine', 'Naomi'], surnames: ['Campbell', 'Grant', 'Stewart', 'Edwards', 'Francis', 'Henry', 'Morris'], eal: 0, languages: [] },
  BAFR: { boys: ['Chinedu', 'Oluwaseun', 'Kwame', 'Abdi', 'Mohamed', 'Tobi', 'Emmanuel', 'Daniel', 'Samuel'], girls: ['Ayan', 'Hodan', 'Chioma', 'Adwoa', 'Blessing', 'Favour', 'Ruth', 'Amira'], surnames: ['Okafor', 'Adeyemi', 'Mensah', 'Osei', 'Abdi', 'Hassan', 'Warsame', 'Tesfaye', 'Okoro', 'Boateng', 'Ibrahim'], eal: 0.5, languages: ['Somali', 'Yoruba', 'Igbo', 'Twi', 'Tigrinya', 'Arabic', 'French'] },
  BOTH: { boys: ['Elijah', 'Jordan', 'Marcus', 'David'], girls: ['Grace', 'Esther', 'Destiny', 'Abigail'], surnames: ['Johnson', 'Williams', 'Joseph', 'Baptiste'], eal: 0.2, languages: ['French', 'Portuguese'] },
  CHNE: { boys: ['Ethan', 'Ryan', 'Jun', 'Hao', 'Kevin'], girls: ['Chloe', 'Grace', 'Mei', 'Xin', 'Jessica'], surnames: ['Wang', 'Li', 'Zhang', 'Chen', 'Liu', 'Wong', 'Cheung', 'Lam'], eal: 0.5, languages: ['Chinese (Mandarin)', 'Chinese (Cantonese)'] },
  OOTH: { boys: ['Omar', 'Yusuf', 'Karim', 'Darius', 'Ahmad', 'Hiwa', 'Mustafa'], girls: ['Layla', 'Noor', 'Sara', 'Yasmin', 'Rojin', 'Shirin'], surnames: ['Abdullah', 'Ahmadi', 'Rahimi', 'Karimi', 'Hassan', 'Mustafa', 'Saleh', 'Aziz'], eal: 0.75, languages: ['Arabic', 'Kurdish', 'Farsi', 'Pashto', 'Dari'] },
  REFU: { boys: ENGLISH_BOYS, girls: ENGLISH_GIRLS, surnames: ENGLISH_SURNAMES, eal: 0.05, languages: ['Polish', 'Urdu'] },
};

/** Adult forenames for parents, carers and staff, by the same groups (adults are a generation older). */
const ADULT_WOMEN = ['Sarah', 'Emma', 'Claire', 'Gemma', 'Lisa', 'Kelly', 'Nicola', 'Joanne', 'Rebecca', 'Laura', 'Helen', 'Michelle', 'Rachel', 'Victoria', 'Donna', 'Amanda', 'Jennifer', 'Louise', 'Stacey', 'Kirsty'];
const ADULT_MEN = ['David', 'Paul', 'Mark', 'Andrew', 'Richard', 'Lee', 'Craig', 'Wayne', 'Darren', 'Stuart', 'Jason', 'Matthew', 'Steven', 'Gary', 'Neil', 'Carl', 'Simon', 'Martin', 'Ian', 'Robert'];
const ADULTS_BY_GROUP: Partial<Record<EthnicityCode, { women: readonly string[]; men: readonly string[] }>> = {
  APKN: { women: ['Nasreen', 'Shazia', 'Saima', 'Rubina', 'Naila', 'Asma'], men: ['Imran', 'Tariq', 'Shahid', 'Asif', 'Naveed', 'Zahid'] },
  ABAN: { women: ['Shirin', 'Rehana', 'Salma'], men: ['Abdul', 'Jamal', 'Kamal'] },
  AIND: { women: ['Sunita', 'Rajinder', 'Meena'], men: ['Sanjay', 'Jaspal', 'Vikram'] },
  BAFR: { women: ['Ngozi', 'Fadumo', 'Abena', 'Grace'], men: ['Chukwuma', 'Abdirahman', 'Kwabena', 'Emmanuel'] },
  WOTH: { women: ['Agnieszka', 'Ewa', 'Elena', 'Ana'], men: ['Marek', 'Piotr', 'Ion', 'Tomas'] },
  OOTH: { women: ['Fatemeh', 'Amina', 'Leila'], men: ['Hassan', 'Reza', 'Karwan'] },
  CHNE: { women: ['Li Na', 'Mei Ling'], men: ['Wei', 'Jian'] },
};

export interface PersonName { forename: string; surname: string }

export function pupilName(rng: Rng, ethnicity: EthnicityCode, sex: 'M' | 'F'): PersonName {
  const pool = POOLS[ethnicity];
  return { forename: rng.pick(sex === 'M' ? pool.boys : pool.girls), surname: rng.pick(pool.surnames) };
}

export function adultForename(rng: Rng, ethnicity: EthnicityCode, woman: boolean): string {
  const group = ADULTS_BY_GROUP[ethnicity];
  if (group && rng.chance(0.8)) return rng.pick(woman ? group.women : group.men);
  return rng.pick(woman ? ADULT_WOMEN : ADULT_MEN);
}

/** A surname from any group, weighted like the pupils: for staff and for carers who do not share the pupil's name. */
export function anySurname(rng: Rng): string {
  return rng.pick(POOLS[rng.weighted(ETHNICITY_WEIGHTS)].surnames);
}

/** EAL and first language for a pupil of this group; pupils not learning English as an additional language speak English. */
export function firstLanguage(rng: Rng, ethnicity: EthnicityCode): { eal: boolean; firstLanguage: string } {
  const pool = POOLS[ethnicity];
  if (pool.languages.length > 0 && rng.chance(pool.eal)) return { eal: true, firstLanguage: rng.pick(pool.languages) };
  return { eal: false, firstLanguage: 'English' };
}

const SHORT_FORMS: Readonly<Record<string, string>> = {
  Alexander: 'Alex', Benjamin: 'Ben', Samuel: 'Sam', Daniel: 'Dan', Matthew: 'Matty', Nathan: 'Nate', Joshua: 'Josh',
  William: 'Will', Thomas: 'Tom', Elizabeth: 'Lizzie', Abigail: 'Abbie', Charlotte: 'Lottie', Jessica: 'Jess',
  Muhammad: 'Mo', Oluwaseun: 'Seun', Chinedu: 'Chi', Jacob: 'Jake', Callum: 'Cal',
};

/** The name a pupil is known by, when it differs from the legal forename. */
export function preferredForename(rng: Rng, forename: string): string | null {
  const short = SHORT_FORMS[forename];
  return short && rng.chance(0.5) ? short : null;
}
