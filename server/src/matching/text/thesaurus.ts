import { isScoredTerm, phraseTerms } from './tokenize.ts'

/**
 * General knowledge of how English schools talk about the same problem in different words.
 * A head describes symptoms ("children rarely read at home"); an expert describes the remedy
 * ("reading for pleasure, family literacy"). When any `when` phrase occurs in a request, the words
 * of every `when` and `add` phrase join the query at a reduced weight.
 *
 * Keep entries general to the sector. Never key them to one request's wording.
 * Ambiguous words are left out of `when` on purpose: "non-verbal" (reasoning tests vs. pupils who do
 * not speak), "fluency" (reading vs. number facts), "foundation" (stage, tier or subjects).
 */
export interface ThesaurusEntry {
  when: readonly string[]
  add?: readonly string[]
  /**
   * Areas of the default framework this concept belongs to. An entry whose title or summary speaks
   * of the concept is treated as partly in these areas even when its author tagged others.
   */
  areas?: readonly string[]
}

export const EDUCATION_THESAURUS: readonly ThesaurusEntry[] = [
  // Reading
  {
    when: ['read at home', 'reading at home', 'home reading', 'read for pleasure', 'reading for pleasure',
      'love of reading', 'reading for enjoyment', 'reading culture', 'family literacy', 'books at home',
      'dont like reading', 'reluctant readers', 'reading records', 'reading habits'],
    add: ['reading spine', 'class library', 'library', 'book talk', 'reading aloud', 'families', 'parents',
      'reading volunteers', 'reading stamina'],
    areas: ['reading', 'families-and-community'],
  },
  {
    when: ['weak readers', 'struggling readers', 'poor readers', 'reading age', 'reading ages', 'below their reading age',
      'reading recovery', 'reading intervention', 'cannot read', 'not read well', 'access the curriculum',
      'standardised reading', 'reading test'],
    add: ['reading', 'screening', 'intervention', 'decoding', 'comprehension', 'reading fluency', 'literacy', 'catch-up',
      'targeted'],
    areas: ['reading'],
  },
  {
    when: ['reading fluency', 'fluent readers', 'not fluent', 'read fluently', 'reading speed', 'prosody',
      'repeated reading', 'echo reading'],
    add: ['reading', 'fluency', 'words per minute', 'decoding'],
    areas: ['reading'],
  },
  {
    when: ['phonics', 'phonics screening', 'phonics screening check', 'synthetic phonics', 'decoding', 'decode',
      'blending', 'early reading', 'grapheme', 'phoneme', 'letters and sounds', 'little wandle',
      'read write inc'],
    add: ['phonics', 'early reading', 'keep-up sessions', 'fidelity', 'decodable books', 'year 1', 'year 2',
      'reception'],
    areas: ['early-reading-phonics'],
  },
  {
    when: ['disciplinary literacy', 'academic vocabulary', 'tier 2 vocabulary', 'reading in every subject',
      'literacy across the curriculum'],
    add: ['vocabulary', 'reading', 'writing', 'subject'],
    areas: ['reading'],
  },
  // Writing and oracy
  {
    when: ['extended writing', 'extended answers', 'extended responses', 'essay writing', 'essays',
      'analytical writing', 'write at length', 'paragraphs'],
    add: ['writing', 'sentence', 'modelling', 'scaffold', 'disciplinary'],
  },
  {
    when: ['sentence-level writing', 'sentence construction', 'grammar', 'the writing revolution', 'composition'],
    add: ['writing', 'sentence', 'explicit'],
  },
  {
    when: ['oracy', 'spoken language', 'speaking and listening', 'structured talk', 'academic talk', 'debate'],
    add: ['talk', 'oracy', 'speaking', 'vocabulary'],
  },
  // Early years and language
  {
    when: ['limited language', 'language delay', 'delayed language', 'poor language', 'early language',
      'language skills', 'communication and language', 'speech and language', 'speech language and communication',
      'speech language communication needs', 'vocabulary on entry', 'language on entry', 'language screening'],
    add: ['speech', 'language', 'communication', 'vocabulary', 'early language', 'screening', 'intervention',
      'wellcomm', 'neli', 'speech and language therapists', 'talk'],
    areas: ['early-years', 'send'],
  },
  {
    when: ['reception', 'nursery', 'early years', 'early years foundation stage', 'school readiness'],
    add: ['early years', 'reception', 'nursery'],
    areas: ['early-years'],
  },
  {
    when: ['do not speak', 'not speak', 'non-speaking', 'minimally verbal', 'pre-verbal', 'communication aids',
      'augmentative and alternative communication', 'aided language', 'total communication', 'core vocabulary',
      'symbols', 'pecs', 'makaton', 'communication system', 'communication systems'],
    add: ['communication', 'aac', 'symbols', 'signing', 'makaton', 'pecs', 'communication aids', 'speech and language',
      'autism', 'autistic'],
    areas: ['send'],
  },
  // Mathematics
  {
    when: ['times tables', 'times-tables', 'multiplication tables', 'multiplication tables check', 'number facts',
      'number bonds', 'recall of facts', 'arithmetic', 'mental arithmetic', 'mastering number'],
    add: ['multiplication', 'times tables', 'number facts', 'fluency', 'recall', 'arithmetic', 'mathematics'],
    areas: ['mathematics'],
  },
  {
    when: ['grade 3', 'grade 4', 'grade 4 and above', 'foundation tier', 'foundation maths', 'gcse resit', 'resits',
      'borderline', 'standard pass', 'pass grade'],
    add: ['gcse', 'grade 4', 'foundation tier', 'exam', 'intervention'],
  },
  {
    when: ['mastery', 'teaching for mastery', 'maths hub', 'concrete pictorial abstract', 'manipulatives'],
    add: ['mastery', 'mathematics', 'small steps', 'concrete'],
    areas: ['mathematics'],
  },
  // Science and subjects
  {
    when: ['required practicals', 'required practical', 'practical work', 'practical skills', 'practical endorsement',
      'practical questions', 'experiments', 'investigations', 'working scientifically'],
    add: ['practical', 'practicals', 'science', 'method', 'variables', 'exam questions'],
    areas: ['science'],
  },
  {
    when: ['substantive knowledge', 'disciplinary knowledge', 'curriculum sequencing', 'sequencing', 'curriculum progression',
      'curriculum map', 'long-term plan', 'knowledge-rich', 'coherent curriculum'],
    add: ['curriculum', 'sequencing', 'progression', 'substantive', 'disciplinary'],
    areas: ['curriculum-design'],
  },
  {
    when: ['without a specialist', 'non-specialist', 'non-specialists', 'lack confidence teaching', 'not confident teaching'],
    add: ['non-specialist', 'specialist', 'confidence', 'scheme', 'training', 'model'],
  },
  {
    when: ['music', 'singing', 'instruments', 'instrumental', 'music hub', 'model music curriculum'],
    add: ['music', 'singing', 'instruments'],
    areas: ['arts-and-pe'],
  },
  // Teaching and assessment
  {
    when: ['checking for understanding', 'check understanding', 'checking understanding', 'who has understood',
      'who understood', 'responsive teaching', 'assessment for learning', 'formative assessment', 'hinge questions',
      'mini whiteboards', 'exit tickets', 'cold call', 'no opt out'],
    add: ['checking for understanding', 'responsive teaching', 'questioning', 'mini whiteboards', 'hinge questions',
      'cold call', 'formative', 'misconceptions', 'every pupil'],
    areas: ['formative-assessment', 'questioning-and-feedback'],
  },
  {
    when: ['explicit instruction', 'direct instruction', 'modelling', 'worked examples', 'guided practice',
      'explain and model', 'explanations', 'principles of instruction', 'rosenshine'],
    add: ['explicit instruction', 'modelling', 'worked examples', 'explanation', 'guided practice',
      'deliberate practice', 'instructional coaching'],
    areas: ['explicit-instruction'],
  },
  {
    when: ['new teachers', 'early career teachers', 'early career teacher', 'ect', 'newly qualified', 'trainee teachers',
      'trainees', 'early career framework', 'novice teachers'],
    add: ['early career', 'mentoring', 'coaching', 'instructional coaching', 'new teachers'],
    areas: ['staff-development'],
  },
  {
    when: ['adaptive teaching', 'differentiation', 'differentiated', 'differentiated worksheets', 'scaffolding',
      'scaffolds', 'mixed attainment', 'mixed-ability', 'mixed ability', 'lower attainers'],
    add: ['adaptive teaching', 'scaffolding', 'expectations', 'access', 'send'],
    areas: ['adaptive-teaching'],
  },
  {
    when: ['retrieval practice', 'revision routines', 'exam revision', 'self-quizzing', 'knowledge organisers', 'homework', 'independent study',
      'spaced practice'],
    add: ['retrieval', 'revision', 'self-quizzing', 'homework'],
  },
  {
    when: ['moderation', 'moderated', 'moderator', 'standardisation meetings', 'teacher assessment', 'judgements',
      'assessment judgements', 'comparative judgement', 'exemplification', 'marking consistency', 'marking reliability'],
    add: ['moderation', 'standardisation', 'teacher assessment', 'judgements', 'exemplification', 'accurate'],
    areas: ['exams-and-moderation'],
  },
  {
    when: ['data drops', 'data drop', 'tracking data', 'pupil tracking', 'tracking system', 'assessment data',
      'data collection', 'spreadsheets', 'flight paths', 'data burden', 'reporting to parents', 'assessment points'],
    add: ['data', 'tracking', 'assessment', 'data drops', 'workload', 'streamlining', 'simplify', 'data entry',
      'summative', 'assessment points', 'making data work'],
    areas: ['data-and-tracking'],
  },
  {
    when: ['mock exams', 'mocks', 'question-level analysis', 'exam technique', 'exam questions', 'past papers',
      'exam performance'],
    add: ['exam', 'exams', 'gcse', 'question-level analysis'],
    areas: ['exams-and-moderation'],
  },
  // Workforce
  {
    when: ['losing teachers', 'losing good teachers', 'lost teachers', 'keep teachers', 'keeping teachers',
      'keep our teachers', 'retain teachers', 'retaining staff', 'retention', 'teacher turnover', 'staff turnover',
      'teachers leave', 'leaving the profession', 'recruitment and retention', 'exit interviews', 'exit conversations'],
    add: ['retention', 'turnover', 'workload', 'wellbeing', 'flexible working', 'staff wellbeing'],
    areas: ['wellbeing-and-workload', 'staff-development'],
  },
  {
    when: ['workload', 'work-life balance', 'burnout', 'burnt out', 'exhausted', 'evenings and weekends',
      'hours a week', 'staff wellbeing', 'teacher wellbeing', 'marking and planning'],
    add: ['workload', 'wellbeing', 'staff wellbeing', 'marking', 'planning', 'workload survey', 'retention'],
    areas: ['wellbeing-and-workload'],
  },
  {
    when: ['professional development', 'inset', 'staff development', 'instructional coaching'],
    add: ['professional development', 'coaching', 'training'],
    areas: ['staff-development'],
  },
  {
    when: ['subject leaders', 'subject leadership', 'subject leader', 'middle leaders', 'middle leadership',
      'heads of department', 'head of department', 'curriculum leads', 'deep dive', 'deep dives', 'lead their subjects'],
    add: ['subject leaders', 'subject leadership', 'middle leaders', 'monitoring', 'deep dive', 'curriculum'],
    areas: ['middle-leadership'],
  },
  {
    when: ['senior leaders', 'senior leadership', 'headship', 'new head', 'deputy head', 'leading change',
      'leadership team'],
    add: ['senior leadership', 'leaders', 'coaching'],
    areas: ['senior-leadership'],
  },
  // Independent appraisal: what a head asking for feedback is after
  {
    when: ['independent appraisal', 'independent review', 'external review', 'independent view', 'independent reviews',
      'external view', 'honest view', 'critical friend', 'peer review', 'appraisal', 'no part in', 'no stake',
      'is it working', 'what is working', 'review of our', 'audit', 'audits'],
    add: ['review', 'reviews', 'audit', 'independent', 'feedback', 'evaluate', 'candid', 'recommendations',
      'next steps', 'what is working'],
  },
  // Leadership, inspection, governance
  {
    when: ['requires improvement', 'ofsted', 'inspection', 'special measures', 'school improvement',
      'monitoring visit', 'rapid improvement', 'inadequate'],
    add: ['requires improvement', 'inspection', 'school improvement', 'improvement', 'priorities'],
    areas: ['senior-leadership'],
  },
  {
    when: ['governors', 'governing board', 'governing body', 'chair of governors', 'governance', 'trustees',
      'board challenge'],
    add: ['governance', 'governors', 'board', 'challenge', 'chair'],
    areas: ['governance-and-finance'],
  },
  {
    when: ['budget', 'deficit', 'finance', 'financial', 'school business manager', 'forecasting',
      'staffing structure', 'balance the books', 'integrated curriculum and financial planning'],
    add: ['budget', 'finance', 'deficit', 'forecasting', 'staffing', 'recovery'],
    areas: ['governance-and-finance'],
  },
  // Attendance, behaviour, inclusion
  {
    when: ['persistent absence', 'persistently absent', 'severe absence', 'absence', 'absent', 'truancy', 'poor attendance',
      'low attendance', 'attendance is low', 'missing school', 'school avoidance', 'school refusal', 'punctuality'],
    add: ['attendance', 'absence', 'persistent absence', 'first-day response', 'attendance mentoring', 'tiered support',
      'family support', 'early help'],
    areas: ['attendance'],
  },
  {
    when: ['anxiety', 'anxious', 'emotionally based school avoidance', 'school avoidance', 'mental health',
      'emotional wellbeing', 'self-harm', 'counselling'],
    add: ['mental health', 'anxiety', 'wellbeing', 'early support', 'referrals', 'graduated return'],
  },
  {
    when: ['low-level disruption', 'disruption', 'poor behaviour', 'behaviour policy', 'behaviour systems',
      'classroom management', 'routines', 'sanctions', 'rewards', 'calm classrooms'],
    add: ['behaviour', 'routines', 'consistency', 'calm', 'classroom', 'expectations'],
    areas: ['behaviour-systems'],
  },
  {
    when: ['lunchtimes', 'lunchtime', 'playtimes', 'playtime', 'playground', 'break times', 'unstructured times',
      'midday supervisors', 'lunchtime supervisors'],
    add: ['lunchtimes', 'play', 'playground', 'play leaders', 'zoned', 'midday'],
    areas: ['behaviour-systems'],
  },
  {
    when: ['suspensions', 'exclusions', 'permanent exclusion', 'excluded', 'internal exclusion', 'isolation room',
      'inclusion unit', 'inclusion centre'],
    add: ['suspensions', 'exclusions', 'inclusion', 'reintegration'],
    areas: ['behaviour-systems'],
  },
  {
    when: ['return to mainstream', 'back to mainstream', 'return successfully', 'reintegration', 'reintegrate',
      'alternative provision', 'pupil referral unit', 'managed moves', 'managed move', 'fresh start', 'outreach'],
    add: ['reintegration', 'transition', 'mainstream', 'alternative provision', 'outreach', 'managed moves',
      'transition plans'],
    areas: ['behaviour-systems', 'send'],
  },
  {
    when: ['special educational needs', 'sen support', 'graduated approach', 'senco', 'ehcp',
      'education health and care', 'provision map', 'provision maps', 'send provision', 'assess plan do review'],
    add: ['send', 'sen support', 'graduated approach', 'senco', 'provision', 'plans'],
    areas: ['send'],
  },
  {
    when: ['autism', 'autistic', 'asd', 'asc', 'sensory needs'],
    add: ['autism', 'autistic', 'sensory', 'visual supports'],
    areas: ['send'],
  },
  {
    when: ['teaching assistants', 'support staff', 'learning support assistants'],
    add: ['teaching assistants', 'deployment'],
    areas: ['send', 'adaptive-teaching'],
  },
  {
    when: ['trauma', 'trauma-informed', 'relational practice', 'relational approach', 'restorative', 'self-regulation',
      'dysregulated', 'co-regulation', 'emotional regulation'],
    add: ['relational', 'restorative', 'regulation', 'trauma-informed'],
    areas: ['behaviour-systems'],
  },
  // Families and communities
  {
    when: ['parents rarely', 'parents do not come', 'hard to reach', 'hard-to-reach', 'engaging parents', 'engage parents',
      'parental engagement', 'family engagement', 'engaging families', 'parents evenings', 'parents evening',
      'coffee morning', 'come into school', 'families feel unwelcome', 'family liaison', 'community liaison',
      'home visits', 'families who find school hard'],
    add: ['families', 'parents', 'community', 'engagement', 'liaison', 'home visits', 'welcome',
      'family support', 'relationships'],
    areas: ['families-and-community'],
  },
  {
    when: ['roma', 'gypsy', 'gypsy roma traveller', 'traveller families', 'slovak', 'czech', 'grt'],
    add: ['roma', 'gypsy', 'traveller', 'community', 'families', 'liaison', 'interpreter', 'eal'],
    areas: ['families-and-community', 'eal'],
  },
  {
    when: ['no english', 'new to english', 'english as an additional language', 'eal', 'new arrivals', 'mid-year arrivals',
      'mid-year admissions', 'in-year admissions', 'international arrivals', 'asylum', 'refugee', 'refugees',
      'home languages', 'home language', 'translated', 'bilingual'],
    add: ['eal', 'new arrivals', 'induction', 'english', 'home languages', 'bilingual', 'new to english'],
    areas: ['eal'],
  },
  {
    when: ['pupil premium', 'disadvantaged', 'disadvantage', 'free school meals', 'poverty', 'cost of living',
      'cultural capital', 'tiered approach'],
    add: ['pupil premium', 'disadvantaged', 'strategy', 'tiered approach', 'attainment gap', 'barriers', 'spending',
      'high-quality teaching', 'targeted academic support', 'wider strategies', 'tutoring', 'attendance'],
    areas: ['disadvantaged-pupils'],
  },
  {
    when: ['tutoring', 'tuition', 'small group tuition', 'national tutoring programme', 'intervention groups',
      'saturday sessions', 'targeted intervention'],
    add: ['tutoring', 'intervention', 'small groups', 'targeted'],
  },
  // Safeguarding and online safety
  {
    when: ['safeguarding', 'child protection', 'designated safeguarding lead', 'single central record',
      'safeguarding culture', 'culture of vigilance', 'keeping children safe', 'safeguarding audit', 'safer recruitment',
      'low-level concerns'],
    add: ['safeguarding', 'child protection', 'records', 'culture', 'vigilance', 'audit', 'designated safeguarding lead'],
    areas: ['safeguarding-practice'],
  },
  {
    when: ['online safety', 'group chats', 'group chat', 'social media', 'cyberbullying', 'online bullying',
      'fallings-out online', 'online fallings-out', 'image sharing', 'nudes', 'sextortion', 'online gaming', 'screen time',
      'smartphones', 'mobile phones'],
    add: ['online safety', 'online', 'group chats', 'social media', 'parents', 'digital'],
    areas: ['online-safety'],
  },
  {
    when: ['bullying', 'friendships', 'fallings-out', 'falling out', 'unkindness', 'peer conflict'],
    add: ['bullying', 'friendships', 'anti-bullying', 'relationships'],
    areas: ['behaviour-systems'],
  },
  {
    when: ['relationships education', 'relationships and sex education', 'sex education', 'pshe', 'health education'],
    add: ['relationships', 'pshe', 'rse'],
  },
  // More of the sector's vocabulary
  {
    when: ['comprehension', 'reading comprehension', 'inference', 'reciprocal reading', 'guided reading',
      'whole-class reading', 'reading lessons', 'vocabulary gap', 'word gap'],
    add: ['comprehension', 'reading', 'vocabulary', 'inference', 'fluency'],
  },
  {
    when: ['handwriting', 'spelling', 'punctuation', 'spag', 'morphology', 'etymology'],
    add: ['spelling', 'handwriting', 'grammar', 'writing'],
  },
  {
    when: ['greater depth writing', 'independent writing', 'write independently', 'writing at greater depth'],
    add: ['writing', 'sentence', 'modelling'],
  },
  {
    when: ['fractions', 'place value', 'number sense', 'subitising', 'early number', 'reasoning and problem solving',
      'problem solving', 'mathematical reasoning'],
    add: ['number', 'mathematics', 'reasoning', 'small steps', 'concrete'],
  },
  {
    when: ['metacognition', 'self-regulated learning', 'independent learners', 'independent learning', 'study skills',
      'note-taking'],
    add: ['metacognition', 'independent', 'self-regulation', 'study'],
  },
  {
    when: ['cognitive load', 'cognitive science', 'working memory', 'spaced retrieval', 'interleaving'],
    add: ['retrieval', 'explicit instruction', 'memory'],
  },
  {
    when: ['feedback to pupils', 'written feedback', 'whole-class feedback', 'live marking', 'verbal feedback', 'marking policy',
      'marking load'],
    add: ['feedback', 'marking', 'whole-class feedback', 'workload'],
  },
  {
    when: ['exam results', 'outcomes at gcse', 'progress 8', 'attainment 8', 'grade boundaries', 'exam board',
      'non-exam assessment', 'coursework', 'nea'],
    add: ['gcse', 'exam', 'outcomes', 'results'],
  },
  {
    when: ['access arrangements', 'exam access', 'extra time', 'readers and scribes', 'exam concessions'],
    add: ['access arrangements', 'exams', 'send'],
  },
  {
    when: ['sixth form', 'a level', 'a-level', 'post-16', 'btec', 'vocational', 't levels', 'apprenticeships',
      'ucas', 'neet', 'not in education employment or training'],
    add: ['sixth form', 'post-16', 'a level', 'vocational', 'pathways'],
  },
  {
    when: ['careers', 'careers guidance', 'gatsby benchmarks', 'work experience', 'employers', 'aspirations',
      'raising aspirations'],
    add: ['careers', 'aspirations', 'pathways', 'employers'],
  },
  {
    when: ['dyslexia', 'dyslexic', 'specific learning difficulties', 'spld', 'dyscalculia', 'dyspraxia'],
    add: ['dyslexia', 'send', 'reading', 'intervention'],
    areas: ['send'],
  },
  {
    when: ['adhd', 'attention deficit', 'semh', 'social emotional and mental health', 'emotional needs',
      'challenging behaviour', 'dysregulation', 'meltdowns'],
    add: ['semh', 'regulation', 'behaviour', 'send', 'relational'],
    areas: ['send'],
  },
  {
    when: ['hearing impairment', 'deaf', 'visual impairment', 'physical disability', 'medical needs', 'sensory impairment'],
    add: ['send', 'access', 'adaptations'],
    areas: ['send'],
  },
  {
    when: ['learning disabilities', 'severe learning difficulties', 'profound and multiple learning difficulties',
      'pmld', 'complex needs', 'cognition and learning', 'special school'],
    add: ['send', 'special', 'small steps', 'complex needs'],
    areas: ['send'],
  },
  {
    when: ['looked after children', 'looked-after children', 'children in care', 'care leavers', 'virtual school',
      'designated teacher', 'personal education plan', 'young carers', 'previously looked after'],
    add: ['looked after', 'care', 'virtual school', 'disadvantaged', 'attachment'],
    areas: ['disadvantaged-pupils'],
  },
  {
    when: ['attachment needs', 'attachment-aware', 'adverse childhood experiences', 'nurture group', 'nurture groups', 'emotional literacy',
      'elsa', 'zones of regulation'],
    add: ['attachment', 'trauma-informed', 'nurture', 'regulation', 'relational', 'wellbeing'],
  },
  {
    when: ['camhs', 'mental health lead', 'senior mental health lead', 'school nurse', 'wellbeing support',
      'mental health support team', 'low mood', 'self-harm'],
    add: ['mental health', 'referrals', 'early support', 'wellbeing'],
  },
  {
    when: ['county lines', 'child criminal exploitation', 'child sexual exploitation', 'exploitation', 'gangs',
      'knife crime', 'contextual safeguarding', 'prevent duty', 'radicalisation', 'domestic abuse', 'operation encompass',
      'neglect', 'early help'],
    add: ['safeguarding', 'contextual safeguarding', 'exploitation', 'early help', 'multi-agency'],
    areas: ['safeguarding-practice'],
  },
  {
    when: ['disclosure', 'disclosures', 'allegations', 'lado', 'referrals to social care', 'social care', 'child in need',
      'child protection plan', 'multi-agency'],
    add: ['safeguarding', 'child protection', 'disclosure', 'records', 'designated safeguarding lead'],
    areas: ['safeguarding-practice'],
  },
  {
    when: ['behaviour for learning', 'detentions', 'reflection room', 'removal room', 'behaviour points',
      'behaviour data', 'positive behaviour', 'warm-strict', 'behaviour hub', 'behaviour hubs'],
    add: ['behaviour', 'behaviour systems', 'routines', 'consistency', 'sanctions', 'culture'],
    areas: ['behaviour-systems'],
  },
  {
    when: ['uniform', 'corridors', 'movement around school', 'social times', 'toilets'],
    add: ['behaviour', 'routines', 'supervision'],
  },
  {
    when: ['elective home education', 'children missing education', 'part-time timetable', 'part-time timetables',
      'reduced timetable', 'emotionally based', 'graduated return', 'phased return'],
    add: ['attendance', 'school avoidance', 'graduated return', 'anxiety', 'reintegration'],
    areas: ['attendance'],
  },
  {
    when: ['newsletters', 'letters home', 'parent communication', 'communication with parents', 'reports to parents',
      'parent voice', 'parent surveys', 'complaints'],
    add: ['parents', 'communication', 'families', 'engagement'],
    areas: ['families-and-community'],
  },
  {
    when: ['family learning', 'adult literacy', 'esol', 'parents struggle with reading', 'parent workshops',
      'stay and play', 'stay-and-play'],
    add: ['family learning', 'parents', 'workshops', 'stay-and-play', 'families'],
    areas: ['families-and-community'],
  },
  {
    when: ['breakfast club', 'holiday activities', 'school meals', 'hunger', 'food bank', 'uniform costs', 'cost of the school day'],
    add: ['disadvantaged', 'poverty', 'families', 'pupil premium'],
    areas: ['disadvantaged-pupils'],
  },
  {
    when: ['enrichment', 'extra-curricular', 'clubs', 'trips', 'residential', 'residentials', 'cultural experiences'],
    add: ['enrichment', 'cultural capital', 'clubs', 'trips'],
  },
  {
    when: ['pe', 'physical education', 'sport', 'sports', 'swimming', 'physical activity', 'pe and sport premium'],
    add: ['pe', 'sport', 'physical activity', 'participation'],
    areas: ['arts-and-pe'],
  },
  {
    when: ['art', 'art and design', 'drama', 'dance', 'design and technology', 'food technology', 'cooking', 'arts'],
    add: ['arts', 'creative', 'skills progression', 'curriculum'],
    areas: ['arts-and-pe'],
  },
  {
    when: ['history', 'geography', 'humanities', 'religious education', 'worldviews', 'fieldwork', 'chronology'],
    add: ['humanities', 'disciplinary knowledge', 'substantive knowledge', 'curriculum'],
    areas: ['humanities'],
  },
  {
    when: ['modern foreign languages', 'mfl', 'french', 'spanish', 'german', 'language learning'],
    add: ['languages', 'phonics', 'vocabulary', 'speaking'],
  },
  {
    when: ['computing', 'programming', 'computer science', 'digital skills'],
    add: ['computing', 'programming', 'curriculum'],
  },
  {
    when: ['science capital', 'girls in science', 'misconceptions in science', 'science lessons'],
    add: ['science', 'practical', 'misconceptions', 'curriculum'],
    areas: ['science'],
  },
  {
    when: ['curriculum intent', 'curriculum design', 'curriculum review', 'broad and balanced', 'foundation subjects',
      'knowledge organisers', 'curriculum map', 'schemes of work', 'medium-term plans'],
    add: ['curriculum', 'sequencing', 'progression', 'knowledge', 'coherent'],
    areas: ['curriculum-design'],
  },
  {
    when: ['cover supervisors', 'supply teachers', 'vacancies', 'recruitment', 'recruiting', 'staff absence', 'staffing shortages',
      'non-specialist teachers'],
    add: ['recruitment', 'retention', 'staffing', 'vacancies'],
  },
  {
    when: ['npq', 'npqs', 'national professional qualification', 'leadership development', 'succession planning',
      'aspiring leaders', 'assistant heads', 'new deputy'],
    add: ['leadership', 'leaders', 'coaching', 'development'],
    areas: ['staff-development'],
  },
  {
    when: ['learning walks', 'lesson observations', 'book looks', 'work scrutiny', 'quality assurance'],
    add: ['monitoring', 'quality assurance', 'leaders', 'feedback', 'subject leaders'],
  },
  {
    when: ['data protection', 'gdpr', 'information governance', 'cyber security', 'subject access requests'],
    add: ['data protection', 'governance', 'compliance'],
    areas: ['governance-and-finance'],
  },
  {
    when: ['risk assessment', 'health and safety', 'premises', 'estates', 'lab safety', 'technicians'],
    add: ['health and safety', 'risk assessment', 'compliance'],
  },
  {
    when: ['edtech', 'devices', 'laptops', 'ipads', 'artificial intelligence', 'remote learning', 'online learning platform'],
    add: ['technology', 'digital', 'devices'],
  },
  {
    when: ['small school', 'small schools', 'mixed-age classes', 'mixed age', 'rural school', 'federation'],
    add: ['small school', 'mixed-age', 'capacity', 'leaders'],
  },
  {
    when: ['infant to junior', 'year 2 to year 3', 'moving classes', 'starting school', 'induction into reception',
      'new starters'],
    add: ['transition', 'induction'],
  },
  {
    when: ['boys writing', 'boys', 'girls participation', 'gender gap'],
    add: ['boys', 'girls', 'gap', 'participation'],
  },
  {
    when: ['white working class', 'coastal', 'deprivation', 'deprived', 'high mobility', 'mobility'],
    add: ['disadvantaged', 'families', 'community', 'poverty'],
  },
  // Phases and key stages
  { when: ['year 7', 'year 8', 'year 9', 'key stage 3'], add: ['key stage 3', 'secondary'] },
  { when: ['year 10', 'year 11', 'key stage 4', 'gcse', 'gcses'], add: ['key stage 4', 'gcse', 'secondary'] },
  { when: ['year 3', 'year 4', 'year 5', 'year 6', 'key stage 2'], add: ['key stage 2', 'primary'] },
  { when: ['year 1', 'year 2', 'key stage 1'], add: ['key stage 1', 'primary'] },
  { when: ['sixth form', 'post-16', 'year 12', 'year 13', 'a level', 'a-level', 'key stage 5'], add: ['sixth form', 'post-16'] },
  {
    when: ['year 6 to year 7', 'transition to secondary', 'secondary transfer', 'transfer to secondary'],
    add: ['transition', 'year 6', 'year 7'],
  },
]

export interface CompiledEntry {
  triggers: readonly (readonly string[])[]
  areas: readonly string[]
  /** Scored terms (unigrams and bigrams) the entry adds to a query. */
  expansion: readonly string[]
}

/** Unigram and adjacent-pair terms of one phrase; negations never score. */
export function phraseScoringTerms(terms: readonly string[]): string[] {
  const out: string[] = []
  const scored = terms.filter(isScoredTerm)
  for (const t of scored) out.push(t)
  for (let i = 0; i + 1 < scored.length; i++) out.push(`${scored[i]} ${scored[i + 1]}`)
  return out
}

export function compileThesaurus(entries: readonly ThesaurusEntry[]): CompiledEntry[] {
  return entries.map((entry) => {
    const triggers = entry.when.map(phraseTerms).filter((t) => t.length > 0)
    const expansion = new Set<string>()
    for (const phrase of [...entry.when, ...(entry.add ?? [])]) {
      for (const term of phraseScoringTerms(phraseTerms(phrase))) expansion.add(term)
    }
    return { triggers, expansion: [...expansion], areas: entry.areas ?? [] }
  })
}

type TriggerIndex = ReadonlyMap<string, readonly { entry: number; phrase: readonly string[] }[]>

const triggerIndexes = new WeakMap<readonly CompiledEntry[], TriggerIndex>()

/** Phrases by their first term, so a request is scanned once rather than once per entry. */
function triggerIndexOf(compiled: readonly CompiledEntry[]): TriggerIndex {
  const cached = triggerIndexes.get(compiled)
  if (cached !== undefined) return cached
  const index = new Map<string, { entry: number; phrase: readonly string[] }[]>()
  compiled.forEach((entry, entryIndex) => {
    for (const phrase of entry.triggers) {
      const first = phrase[0]
      if (first === undefined) continue
      const list = index.get(first) ?? []
      list.push({ entry: entryIndex, phrase })
      index.set(first, list)
    }
  })
  triggerIndexes.set(compiled, index)
  return index
}

/** How many positions of a term stream (stopwords removed, negations kept) trigger each entry. */
export function countTriggers(stream: readonly string[], compiled: readonly CompiledEntry[]): Map<number, number> {
  const index = triggerIndexOf(compiled)
  const counts = new Map<number, number>()
  for (let i = 0; i < stream.length; i++) {
    const candidates = index.get(stream[i] ?? '')
    if (candidates === undefined) continue
    const triggered = new Set<number>()
    for (const { entry, phrase } of candidates) {
      if (triggered.has(entry)) continue
      if (phrase.every((term, j) => stream[i + j] === term)) triggered.add(entry)
    }
    for (const entry of triggered) counts.set(entry, (counts.get(entry) ?? 0) + 1)
  }
  return counts
}

export const COMPILED_THESAURUS: readonly CompiledEntry[] = compileThesaurus(EDUCATION_THESAURUS)
