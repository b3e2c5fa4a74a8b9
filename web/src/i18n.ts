// Every piece of interface text, in Traditional Chinese (the default) and English.
// Register data (names, addresses, 記事) comes from the server and is not translated here,
// except for closed code lists (sex, status, removal reasons, relations) whose codes we know.

export type Lang = 'zh' | 'en';

interface Entry {
  zh: string;
  en: string;
}

const messages = {
  'app.name': { zh: '戶政資訊系統', en: 'Household Registration System' },
  'app.skip': { zh: '跳到主要內容', en: 'Skip to main content' },
  'app.footer': {
    zh: '個人資料查詢均記錄查詢人員、時間及事由，僅限執行公務使用（個人資料保護法）。',
    en: 'Every lookup of personal data is logged with the officer, time and purpose. For official use only (Personal Data Protection Act).',
  },
  'lang.switch': { zh: 'English', en: '中文' },
  'print.printed': { zh: '列印時間：', en: 'Printed ' },
  'print.by': { zh: '列印人：', en: 'by ' },
  'print.purpose': { zh: '查詢事由：', en: 'Purpose: ' },
  'print.other_sep': { zh: '：', en: ': ' },
  'print.not_transcript': {
    zh: '本頁為查詢畫面之列印，非戶籍謄本，不得作為證明文件；需證明者請申請戶籍謄本。',
    en: 'A print of a screen, not a transcript (謄本) of the register: it certifies nothing. For proof, apply for a transcript.',
  },
  'lang.switched': { zh: '已切換為中文介面', en: 'The screens are now in English' },
  'header.signed_in_as': { zh: '登入者：', en: 'Signed in as ' },
  'header.logout': { zh: '登出', en: 'Sign out' },

  'role.clerk': { zh: '承辦人', en: 'Clerk' },
  'role.supervisor': { zh: '主管', en: 'Supervisor' },
  'role.auditor': { zh: '稽核人員', en: 'Auditor' },
  'role.admin': { zh: '系統管理員', en: 'System administrator' },

  'login.title': { zh: '登入', en: 'Sign in' },
  'login.intro': {
    zh: '請以戶政人員帳號登入。連續輸入錯誤密碼，帳號將暫時鎖定。',
    en: 'Sign in with your registration office staff account. Repeated wrong passwords lock the account for a while.',
  },
  'login.username': { zh: '帳號', en: 'Username' },
  'login.password': { zh: '密碼', en: 'Password' },
  'login.submit': { zh: '登入', en: 'Sign in' },
  'login.busy': { zh: '登入中，請稍候…', en: 'Signing in…' },
  'login.failed': { zh: '登入失敗', en: 'Sign-in failed' },
  'login.username_required': { zh: '請輸入帳號', en: 'Enter your username' },
  'login.password_required': { zh: '請輸入密碼', en: 'Enter your password' },
  'login.otp': { zh: '一次性密碼（驗證器上的 6 位數）', en: 'One-time code (6 digits from your authenticator)' },
  'login.otp_required': { zh: '請輸入 6 位數一次性密碼', en: 'Enter the 6-digit one-time code' },
  'notice.session_expired': {
    zh: '登入已逾時或失效，請重新登入。',
    en: 'Your session has expired. Please sign in again.',
  },
  'notice.logged_out': { zh: '您已登出。', en: 'You have signed out.' },

  'error.summary_title': { zh: '請修正下列問題', en: 'There is a problem' },
  'error.prefix': { zh: '錯誤：', en: 'Error: ' },
  'error.network': {
    zh: '無法連線至伺服器，請確認網路後再試一次。',
    en: 'Cannot reach the server. Check the connection and try again.',
  },
  'error.unexpected': {
    zh: '伺服器回應異常（HTTP {status}），請稍後再試。',
    en: 'Unexpected response from the server (HTTP {status}). Please try again later.',
  },

  'lookup.title': { zh: '個人戶籍資料查詢', en: 'Person lookup' },
  'lookup.intro': {
    zh: '輸入國民身分證統一編號並選擇查詢事由。每次查詢均留存紀錄備查。',
    en: 'Enter the national ID number and choose the purpose of the lookup. Every lookup is logged.',
  },
  'lookup.form_label': { zh: '查詢條件', en: 'Search' },
  'lookup.id_label': { zh: '統一編號', en: 'National ID number' },
  'lookup.id_hint': {
    zh: '英文字母 1 碼加數字 9 碼，例：A123456789',
    en: 'One letter and nine digits, e.g. A123456789',
  },
  'lookup.purpose_label': { zh: '查詢事由', en: 'Purpose of lookup' },
  'lookup.purpose_placeholder': { zh: '請選擇', en: 'Choose a purpose' },
  'lookup.other_label': { zh: '其他事由說明', en: 'Describe the purpose' },
  'lookup.submit': { zh: '查詢', en: 'Look up' },
  'lookup.busy': { zh: '查詢中，請稍候…', en: 'Looking up…' },
  'lookup.failed': { zh: '查詢失敗', en: 'Lookup failed' },
  'lookup.loaded': { zh: '已載入{name}的戶籍資料。', en: 'Register data for {name} loaded.' },
  'lookup.purpose_required': { zh: '請選擇查詢事由', en: 'Choose the purpose of the lookup' },
  'lookup.other_required': { zh: '請說明查詢事由', en: 'Describe the purpose of the lookup' },

  'purpose.application': { zh: '受理申請', en: 'Processing an application' },
  'purpose.verification': { zh: '戶籍資料核對', en: 'Verifying register data' },
  'purpose.notification': { zh: '通報業務', en: 'Agency notification' },
  'purpose.audit': { zh: '稽核', en: 'Audit' },
  'purpose.other': { zh: '其他', en: 'Other' },

  'id.empty': { zh: '請輸入統一編號', en: 'Enter the ID number' },
  'id.letter': {
    zh: '統一編號第 1 碼應為英文字母（A–Z）',
    en: 'The first character of an ID number must be a letter (A–Z)',
  },
  'id.length': {
    zh: '統一編號應為 10 碼，目前輸入 {n} 碼',
    en: 'An ID number has 10 characters; you entered {n}',
  },
  'id.second': {
    zh: '統一編號第 2 碼應為 1 或 2（國民）、8 或 9（居留證），或 A–D（舊式居留證）',
    en: 'The second character must be 1 or 2 (citizen), 8 or 9 (resident certificate), or A–D (old resident certificate)',
  },
  'id.digits': {
    zh: '統一編號第 3 至 10 碼應為數字',
    en: 'Characters 3 to 10 of an ID number must be digits',
  },
  'id.checksum': {
    zh: '統一編號檢查碼不符，請核對是否輸入錯誤',
    en: 'The check digit does not match; check the number for a typing error',
  },

  'result.title': { zh: '查詢結果：', en: 'Result: ' },
  'result.purpose': { zh: '查詢事由：', en: 'Purpose recorded: ' },
  'person.heading': { zh: '個人資料', en: 'Personal details' },
  'person.name': { zh: '姓名', en: 'Name' },
  'person.id_number': { zh: '統一編號', en: 'ID number' },
  'person.sex': { zh: '性別', en: 'Sex' },
  'person.birth_date': { zh: '出生日期', en: 'Date of birth' },
  'person.birth_place': { zh: '出生地', en: 'Place of birth' },
  'person.relation': { zh: '稱謂', en: 'Relation to head' },
  'person.father': { zh: '父', en: 'Father' },
  'person.mother': { zh: '母', en: 'Mother' },
  'person.spouse': { zh: '配偶', en: 'Spouse' },
  'person.indigenous': { zh: '原住民身分', en: 'Indigenous status' },
  'person.status': { zh: '狀態', en: 'Status' },
  'person.not_indigenous': { zh: '非原住民', en: 'Not indigenous' },
  'person.none': { zh: '無資料', en: 'None recorded' },
  'person.lookup_relative': { zh: '查詢', en: 'Look up' },
  'sex.M': { zh: '男', en: 'Male' },
  'sex.F': { zh: '女', en: 'Female' },
  'status.active': { zh: '現住', en: 'Resident' },
  'status.removed': { zh: '除戶', en: 'Removed' },
  'status.removed_reason': { zh: '除戶（{reason}）', en: 'Removed ({reason})' },
  'removal.death': { zh: '死亡', en: 'death' },
  'removal.death_declared': { zh: '死亡宣告', en: 'declared dead' },
  'removal.emigration': { zh: '遷出國外', en: 'emigration' },
  'removal.loss_of_nationality': { zh: '喪失國籍', en: 'loss of nationality' },
  'removal.loss_of_status': { zh: '喪失臺灣地區人民身分', en: 'loss of status' },
  'removal.registration_revoked': { zh: '撤銷戶籍', en: 'registration revoked' },

  'household.heading': { zh: '戶籍資料', en: 'Household' },
  'household.no': { zh: '戶號', en: 'Household no.' },
  'household.address': { zh: '住址', en: 'Address' },
  'household.caption': { zh: '戶內人口（共 {n} 人）', en: 'Household members ({n})' },
  'household.none': { zh: '此人目前未設戶籍。', en: 'This person has no current household.' },
  'household.this_person': { zh: '本次查詢對象', en: 'Person looked up' },
  'col.relation': { zh: '稱謂', en: 'Relation' },
  'col.name': { zh: '姓名', en: 'Name' },
  'col.id_number': { zh: '統一編號', en: 'ID number' },
  'col.birth_date': { zh: '出生日期', en: 'Date of birth' },
  'col.status': { zh: '狀態', en: 'Status' },

  'events.heading': { zh: '戶籍記事', en: 'Register entries' },
  'events.none': { zh: '無記事。', en: 'No entries.' },

  'common.loading': { zh: '載入中…', en: 'Loading…' },
  'common.cancel': { zh: '取消', en: 'Cancel' },
  'form.choose': { zh: '請選擇', en: 'Choose' },
  'form.optional': { zh: '（選填）', en: ' (optional)' },
  'form.labelled': { zh: '{label}：{message}', en: '{label}: {message}' },
  'register.step_check': { zh: '確認內容', en: 'Check answers' },
  'register.continue_check': { zh: '下一步：確認內容', en: 'Continue: check your answers' },
  'register.checking': { zh: '檢查中，請稍候…', en: 'Checking…' },
  'check.title': { zh: '確認申請內容', en: 'Check your answers before sending' },
  'check.intro': {
    zh: '以下為將送出的內容，尚未送出。確認無誤後請按「確認送出」；需修改請按該列的「變更」。',
    en: 'This is what will be sent. Nothing has been sent yet. If it is right, choose “Confirm and send”; to correct an answer, choose its “Change”.',
  },
  'check.answers': { zh: '申請內容', en: 'Your answers' },
  'check.change': { zh: '變更', en: 'Change' },
  'check.type': { zh: '登記類別', en: 'Registration type' },
  'check.entries': { zh: '將寫入之記事', en: 'Entries that will be written' },
  'check.entries_note': {
    zh: '主管核定後寫入戶籍資料；以上以今日登記計，登記日期以核定日為準。',
    en: 'Written into the register when a supervisor approves; shown as if registered today, they are dated on the day of approval.',
  },
  'check.lateness': { zh: '申請期限及罰鍰', en: 'Deadline and fine' },
  'check.deadline': { zh: '申請期限', en: 'Deadline' },
  'check.no_deadline': { zh: '無法定申請期間', en: 'No statutory period' },
  'check.provisional': { zh: '（暫定：該年度行事曆尚未載入）', en: ' (provisional: that year\'s calendar is not loaded)' },
  'check.days_late': { zh: '逾期日數', en: 'Days late' },
  'check.not_late': { zh: '未逾期', en: 'Not late' },
  'check.days': { zh: '{n} 日', en: '{n} days' },
  'check.fine': { zh: '擬處罰鍰', en: 'Proposed fine' },
  'check.no_fine': { zh: '無', en: 'None' },
  'check.submit': { zh: '確認送出', en: 'Confirm and send' },
  'draft.tag': { zh: '草稿', en: 'Draft' },
  'draft.unsent': {
    zh: '尚未送出。已於 {time} 自動儲存（僅存於此瀏覽器分頁，登出即清除）。',
    en: 'Nothing has been sent yet. Saved automatically at {time} (in this browser tab only; cleared when you sign out).',
  },
  'draft.discard': { zh: '取消', en: 'Discard draft' },
  'draft.restored_title': { zh: '尚未送出的草稿', en: 'A draft that has not been sent' },
  'draft.restored': {
    zh: '這是您於 {time} 填寫的「{type}」申請草稿，尚未送出。請確認內容後再送出。',
    en: 'This is the {type} application you started at {time}. Nothing has been sent yet. Check it before you send it.',
  },
  'draft.continue': { zh: '使用此草稿繼續', en: 'Continue with this draft' },
  'draft.discarded': { zh: '草稿已取消，未送出任何資料。', en: 'The draft was discarded; nothing was sent.' },
  'draft.restored_live': { zh: '已還原尚未送出的草稿', en: 'A draft that has not been sent was restored' },
  'date.example': { zh: '例：115/12/01 或 1151201', en: 'e.g. 115/12/01, 1151201 or 2026-12-01' },
  'date.format': {
    zh: '請以民國年月日輸入，例如 115/12/01、1151201 或 115.12.01',
    en: 'Enter the date as ROC year/month/day (115/12/01, 1151201, 115.12.01) or as 2026-12-01',
  },
  'date.month': { zh: '月份須為 1 至 12 月（輸入的是 {month} 月）', en: 'The month must be 1 to 12 (you typed {month})' },
  'date.day': { zh: '民國{roc}年{month}月沒有{day}日', en: '{month_en} {year} has no day {day}' },
  'date.before_roc': {
    zh: '日期早於民國元年（1912 年 1 月 1 日），請確認年份',
    en: 'The date is before 1 January 1912 (ROC year 1): check the year',
  },
  'date.not_future': { zh: '日期須晚於今日', en: 'The date must be after today' },
  'date.too_late': { zh: '年份超出範圍（最晚為民國 999 年）', en: 'The year is out of range (ROC 999 at the latest)' },
  'household.open': { zh: '檢視戶籍資料，戶號 ', en: 'Open household ' },

  'nav.label': { zh: '主要功能', en: 'Main menu' },
  'nav.lookup': { zh: '查詢', en: 'Lookup' },
  'nav.household': { zh: '戶籍資料', en: 'Household' },
  'nav.register': { zh: '登記申請', en: 'Registration' },
  'nav.review': { zh: '審核', en: 'Review' },
  'nav.sampling': { zh: '抽核', en: 'Sampling' },
  'nav.nationality': { zh: '國籍案件', en: 'Nationality cases' },
  'nav.rules': { zh: '法規數值', en: 'Statutory figures' },
  'nav.reminders': { zh: '催告', en: 'Reminders' },
  'nav.users': { zh: '人員帳號', en: 'Staff accounts' },
  'nav.calendar': { zh: '辦公日曆', en: 'Working-day calendar' },
  'nav.offices': { zh: '戶政事務所', en: 'Offices' },
  'nav.my_cases': { zh: '我的案件', en: 'My cases' },
  'forbidden.text': {
    zh: '您的角色（{role}）無法使用此功能。如需使用，請洽主管。',
    en: 'Your role ({role}) cannot use this function. Ask your supervisor if you need it.',
  },
  'forbidden.back': { zh: '回到首頁', en: 'Back to your start page' },

  // Registration types (戶籍登記類別).
  'regtype.birth': { zh: '出生登記', en: 'Birth' },
  'regtype.death': { zh: '死亡登記', en: 'Death' },
  'regtype.marriage': { zh: '結婚登記', en: 'Marriage' },
  'regtype.divorce': { zh: '離婚登記', en: 'Divorce' },
  'regtype.move_in': { zh: '遷入登記', en: 'Move-in' },
  'regtype.move_out': { zh: '遷出登記', en: 'Move-out' },
  'regtype.address_change': { zh: '住址變更登記', en: 'Change of address' },
  'regtype.household_split': { zh: '分戶登記', en: 'Household split' },
  'regtype.household_merge': { zh: '合戶登記', en: 'Household merge' },
  'regtype.head_change': { zh: '戶長變更登記', en: 'Change of household head' },
  'regtype.name_change': { zh: '姓名變更登記', en: 'Change of name' },
  'regtype.name_correction': { zh: '姓名更正登記', en: 'Correction of name' },
  'regtype.birth_date_correction': { zh: '出生日期更正登記', en: 'Correction of date of birth' },
  'regtype.id_number_change': { zh: '統一編號變更登記', en: 'Change of ID number' },
  'regtype.first_registration': { zh: '初設戶籍登記', en: 'First registration' },
  'regtype.acknowledgement': { zh: '認領登記', en: 'Acknowledgement of paternity' },
  'regtype.adoption': { zh: '收養登記', en: 'Adoption' },
  'regtype.adoption_termination': { zh: '終止收養登記', en: 'Termination of adoption' },
  'regtype.guardianship': { zh: '監護登記', en: 'Guardianship' },
  'regtype.loss_of_nationality': { zh: '喪失國籍（廢止戶籍）', en: 'Loss of nationality' },
  'regtype.restoration': { zh: '恢復戶籍登記', en: 'Restoration of registration' },
  'regtype.ex_officio_move_in': { zh: '逕為遷入登記', en: 'Ex officio move-in' },
  'regtype.revocation': { zh: '撤銷登記', en: 'Revocation' },
  'regtype.death_declaration': { zh: '死亡宣告登記', en: 'Declaration of death' },
  'regtype.indigenous_acquisition': { zh: '原住民身分取得登記', en: 'Indigenous status acquired' },
  'regtype.indigenous_loss': { zh: '原住民身分喪失登記', en: 'Indigenous status lost' },
  'regtype.indigenous_change': { zh: '原住民族別變更登記', en: 'Change of indigenous people' },
  'regtype.assistance': { zh: '輔助登記', en: 'Assistance' },
  'regtype.custody': {
    zh: '未成年子女權利義務行使負擔登記', en: 'Parental rights over a minor',
  },
  'regtype.correction': { zh: '更正登記', en: 'Correction of the record' },
  'regtype.ex_officio_address_change': { zh: '逕為住址變更登記', en: 'Ex officio address change' },
  'regtype.ex_officio_move_out': { zh: '逕為遷出登記（出境滿 2 年）', en: 'Ex officio move-out (2 years abroad)' },
  'regtype.registration_cancellation': { zh: '撤銷戶籍', en: 'Revocation of the household registration' },
  'reggroup.status': { zh: '身分登記', en: 'Civil status' },
  'reggroup.residence': { zh: '遷徙與戶', en: 'Residence and household' },
  'reggroup.change': { zh: '變更與更正', en: 'Changes and corrections' },
  'reggroup.nationality': { zh: '設籍與國籍', en: 'Registration and nationality' },
  'regdl.birth': { zh: '出生後 60 日內申請', en: 'Within 60 days of birth' },
  'regdl.move': { zh: '遷入滿 3 個月後 30 日內', en: 'Within 30 days once 3 months at the new address' },
  'regdl.address': {
    zh: '變更住址滿 3 個月後 30 日內（戶籍法第18條）',
    en: 'Within 30 days once 3 months at the new address (Household Registration Act §18)',
  },
  'regdl.restoration': {
    zh: '入境居住滿 3 個月後 30 日內（戶籍法第17條第2項）',
    en: 'Within 30 days once living here 3 months after entry (Household Registration Act §17(2))',
  },
  'regdl.other': { zh: '事件發生後 30 日內', en: 'Within 30 days of the event' },
  'regdl.ex_officio': { zh: '戶政事務所逕為登記', en: 'Registered by the office ex officio' },
  'regdl.revocation': {
    zh: '民眾申請者事件發生後 30 日內；戶政事務所依職權撤銷者不計期限',
    en: 'Within 30 days when a citizen applies; none when the office revokes on its own',
  },
  'regdl.on_registration': {
    zh: '結婚自登記生效（民法第982條），無逾期問題',
    en: 'A marriage takes effect when registered (Civil Code §982): never late',
  },
  'regdl.divorce': {
    zh: '兩願離婚自登記生效；判決離婚於判決確定後 30 日內',
    en: 'By agreement: takes effect when registered; by judgment: within 30 days of finality',
  },
  'regdl.abroad': {
    zh: '出境滿 2 年後 30 日內（戶籍法第16條第3項）；未滿 2 年亦得申請',
    en: 'Within 30 days once abroad 2 years (Household Registration Act §16(3)); earlier if wished',
  },
  'regdl.judgment': { zh: '裁判確定後 30 日內', en: 'Within 30 days of the judgment becoming final' },
  'regdl.none': { zh: '自願申請，無法定申請期限', en: 'Voluntary: no statutory period' },

  'regdate.event': { zh: '事件發生日期', en: 'Date of the event' },
  'regdate.revocation': { zh: '撤銷原因確定日期', en: 'Date the ground for revocation arose' },
  'regdate.birth': { zh: '出生日期', en: 'Date of birth' },
  'regdate.death': { zh: '死亡日期', en: 'Date of death' },
  'regdate.marriage': { zh: '結婚日期', en: 'Date of marriage' },
  'regdate.divorce': { zh: '離婚日期', en: 'Date of divorce' },
  'regdate.move_in': { zh: '遷入日期', en: 'Date moved in' },
  'regdate.move_out': { zh: '遷出日期', en: 'Date moved out' },
  'regdate.move': { zh: '遷徙日期', en: 'Date of the move' },
  'regdate.court': { zh: '法院認可確定日期', en: 'Date the court approval became final' },
  'regdate.entry': { zh: '入境日期', en: 'Date of entry' },
  'regdate.approval': { zh: '內政部許可日期', en: 'Date of the Ministry\'s permission' },
  'regdate.presumed_death': { zh: '推定死亡日期', en: 'Presumed date of death' },
  'regdate.court_final': { zh: '法院裁定確定日期', en: 'Date the court decision became final' },
  'regdate.custody': { zh: '協議或裁判確定日期', en: 'Date of the agreement or final judgment' },

  'regfield.child_name': { zh: '新生兒姓名', en: 'Child\'s name' },
  'regfield.name': { zh: '姓名', en: 'Name' },
  'regfield.sex': { zh: '性別', en: 'Sex' },
  'regfield.father_id': { zh: '父統一編號', en: 'Father\'s ID number' },
  'regfield.mother_id': { zh: '母統一編號', en: 'Mother\'s ID number' },
  'regfield.bio_father_id': { zh: '生父統一編號', en: 'Biological father\'s ID number' },
  'regfield.birth_place': { zh: '出生地', en: 'Place of birth' },
  'regfield.birth_date': { zh: '出生日期', en: 'Date of birth' },
  'regfield.death_place': { zh: '死亡地點', en: 'Place of death' },
  'regfield.household_no': { zh: '戶號', en: 'Household no.' },
  'regfield.door_plate_id': { zh: '門牌編號', en: 'Door plate no.' },
  'regfield.relation': { zh: '稱謂', en: 'Relation to head' },
  'regfield.spouse_id': { zh: '配偶統一編號', en: 'Spouse\'s ID number' },
  'regfield.divorce_kind': { zh: '離婚方式', en: 'Kind of divorce' },
  'regfield.initiated_by': { zh: '撤銷之提出', en: 'Revocation started by' },
  'regfield.from': { zh: '遷出地', en: 'Moved from' },
  'regfield.from_abroad': { zh: '入境前居住地', en: 'Lived before entry in' },
  'regfield.to': { zh: '遷往地', en: 'Moving to' },
  'regfield.new_name': { zh: '新姓名', en: 'New name' },
  'regfield.new_date': { zh: '更正後出生日期', en: 'Corrected date of birth' },
  'regfield.reason': { zh: '原因', en: 'Reason' },
  'regfield.name_ground': { zh: '改名事由', en: 'Ground for the change' },
  'regfield.revocation_cause': { zh: '錯誤原因', en: 'Whose error' },
  'regfield.nationality_case_id': { zh: '國籍案件編號', en: 'Nationality case no.' },
  'reghint.nationality_case_id': {
    zh: '續辦國籍案件時填寫；審核登記後該案即記錄為已登記',
    en: 'For a nationality case\'s follow-up: approving this registration records the case registered',
  },
  'regfield.application_id': { zh: '欲撤銷之登記案號', en: 'Application no. to revoke' },
  'regfield.adopter_id': { zh: '收養人統一編號', en: 'Adopter\'s ID number' },
  'regfield.adopter2_id': { zh: '共同收養人統一編號', en: 'Second adopter\'s ID number' },
  'regfield.guardian_id': { zh: '監護人統一編號', en: 'Guardian\'s ID number' },
  'regfield.letter_no': { zh: '內政部許可文號', en: 'Ministry permission reference' },
  'regfield.new_head_id': { zh: '新戶長統一編號', en: 'New head\'s ID number' },
  'regfield.members': { zh: '隨同分戶者統一編號', en: 'ID numbers of members going along' },
  'regfield.abolition_reason': { zh: '廢止戶籍原因', en: 'Ground for abolition' },
  'regfield.court': { zh: '法院', en: 'Court' },
  'regfield.judgment_date': { zh: '宣告死亡裁判確定日期', en: 'Date the judgment became final' },
  'regfield.tribe': { zh: '原住民族別', en: 'Indigenous people' },
  'regfield.new_tribe': { zh: '變更後族別', en: 'New indigenous people' },
  'regfield.indigenous_kind': { zh: '平地或山地', en: 'Lowland or mountain' },
  'regfield.assistant_id': { zh: '輔助人統一編號', en: 'Assistant\'s ID number' },
  'regfield.holder': { zh: '行使負擔者', en: 'Exercised by' },
  'regfield.holder_id': { zh: '行使負擔者統一編號', en: 'ID number of the person exercising them' },
  'regfield.basis': { zh: '決定方式', en: 'Decided by' },
  'regfield.corrected_field': { zh: '更正項目', en: 'Field to correct' },
  'regfield.new_value': { zh: '更正後內容', en: 'Corrected value' },
  'regfield.evidence': { zh: '證明文件', en: 'Evidence' },
  'regfield.exit_date': { zh: '出境日期', en: 'Date of leaving the country' },
  'regfield.cancellation_letter': { zh: '撤銷依據文號', en: 'Reference of the decision' },
  'reghint.abolition_reason': {
    zh: '空白則為喪失國籍', en: 'Empty: loss of nationality',
  },
  'reghint.holder_id': {
    zh: '由父母以外之人行使負擔時填寫（須經法院選定）',
    en: 'When someone other than the parents exercises them (chosen by the court)',
  },
  'reghint.court_if_judged': { zh: '由法院裁判時填寫', en: 'When decided by a court' },
  'reghint.evidence': {
    zh: '足資證明之原始文件，例：出生證明書',
    en: 'The original document proving the value, e.g. the birth certificate',
  },
  'reghint.exit_date': {
    zh: '入出國管理機關通報之出境日期；須出境滿 2 年',
    en: 'As notified by the immigration agency; at least 2 years before',
  },
  'reghint.new_head': {
    zh: '當事人為戶長且戶內尚有他人時填寫；空白則由配偶，無配偶者由最年長者繼任',
    en: 'When the subject is the head and others stay; empty: the spouse, else the eldest member',
  },
  'reghint.members': {
    zh: '以逗號或空白分隔；空白則僅當事人分戶',
    en: 'Separated by commas or spaces; empty: the subject alone',
  },
  'register.placement': { zh: '入戶方式', en: 'Household' },
  'register.placement_join': { zh: '加入現有戶', en: 'Join a household' },
  'register.placement_new': { zh: '另立新戶（為戶長）', en: 'Found a new household (as its head)' },
  'register.placement_required': {
    zh: '請選擇加入現有戶或另立新戶',
    en: 'Choose whether to join a household or found a new one',
  },
  'register.relation_head': {
    zh: '加入現有戶之稱謂不得為戶長',
    en: 'Someone joining a household cannot be its head',
  },
  'register.id_list_invalid': { zh: '統一編號 {id} 不正確', en: 'ID number {id} is not valid' },
  'regopt.agreed': { zh: '兩願離婚', en: 'By agreement' },
  'regopt.court': { zh: '判決離婚', en: 'By court judgment' },
  'regopt.name_same_workplace': { zh: '同一機關（構）、團體或學校姓名完全相同（姓名條例第9條第1項第1款）',
    en: 'Same full name as someone at the same workplace or school (Name Act 9(1)(1))' },
  'regopt.name_same_ancestor': { zh: '與三親等以內直系尊親屬名字完全相同（第2款）',
    en: 'Same given name as a lineal ascendant within the third degree (9(1)(2))' },
  'regopt.name_same_district': { zh: '同一直轄市、縣（市）設籍六個月以上姓名完全相同（第3款）',
    en: 'Same full name as someone registered in the same city or county for six months (9(1)(3))' },
  'regopt.name_same_wanted': { zh: '與經通緝有案之人犯姓名完全相同（第4款）',
    en: 'Same full name as a wanted person (9(1)(4))' },
  'regopt.name_filiation': { zh: '被認領、撤銷認領、被收養、撤銷收養或終止收養（第5款）',
    en: 'Acknowledged, adopted, or either revoked or terminated (9(1)(5))' },
  'regopt.name_vulgar_or_special': { zh: '字義粗俗不雅、音譯過長或有特殊原因（第6款，以三次為限）',
    en: 'Vulgar meaning, overlong transliteration or a special reason (9(1)(6); at most three times)' },
  'regopt.office_error': { zh: '本所誤辦', en: 'The office\'s error' },
  'regopt.citizen_error': { zh: '民眾申請不實等非本所所致', en: 'Caused by the applicant (e.g. a false application)' },
  'regopt.initiated_citizen': { zh: '民眾申請', en: 'Applied for by a citizen' },
  'regopt.initiated_office': { zh: '戶政事務所依職權', en: 'By the office on its own' },
  'regopt.plains': { zh: '平地原住民', en: 'Lowland indigenous' },
  'regopt.mountain': { zh: '山地原住民', en: 'Mountain indigenous' },
  'regopt.holder_father': { zh: '父', en: 'The father' },
  'regopt.holder_mother': { zh: '母', en: 'The mother' },
  'regopt.holder_both': { zh: '父母共同', en: 'Both parents' },
  'regopt.holder_other': { zh: '父母以外之人', en: 'Someone else' },
  'regopt.agreement': { zh: '父母協議', en: 'The parents\' agreement' },
  'regopt.by_court': { zh: '法院裁判', en: 'A court decision' },
  'regopt.field_birth_place': { zh: '出生地', en: 'Place of birth' },
  'regopt.field_father_name': { zh: '父姓名', en: 'Father\'s name' },
  'regopt.field_mother_name': { zh: '母姓名', en: 'Mother\'s name' },
  'regopt.loss_of_nationality': { zh: '喪失中華民國國籍', en: 'Loss of ROC nationality' },
  'regopt.loss_of_status': { zh: '喪失臺灣地區人民身分', en: 'Loss of status as a person of the Taiwan Area' },
  'tribe.amis': { zh: '阿美族', en: 'Amis' },
  'tribe.atayal': { zh: '泰雅族', en: 'Atayal' },
  'tribe.paiwan': { zh: '排灣族', en: 'Paiwan' },
  'tribe.bunun': { zh: '布農族', en: 'Bunun' },
  'tribe.puyuma': { zh: '卑南族', en: 'Puyuma' },
  'tribe.rukai': { zh: '魯凱族', en: 'Rukai' },
  'tribe.tsou': { zh: '鄒族', en: 'Tsou' },
  'tribe.saisiyat': { zh: '賽夏族', en: 'Saisiyat' },
  'tribe.yami': { zh: '雅美族（達悟族）', en: 'Yami (Tao)' },
  'tribe.thao': { zh: '邵族', en: 'Thao' },
  'tribe.kavalan': { zh: '噶瑪蘭族', en: 'Kavalan' },
  'tribe.truku': { zh: '太魯閣族', en: 'Truku' },
  'tribe.sakizaya': { zh: '撒奇萊雅族', en: 'Sakizaya' },
  'tribe.seediq': { zh: '賽德克族', en: 'Seediq' },
  'tribe.hlaalua': { zh: '拉阿魯哇族', en: 'Hla\'alua' },
  'tribe.kanakanavu': { zh: '卡那卡那富族', en: 'Kanakanavu' },
  'reghint.parent': {
    zh: '父或母至少填一人；不在戶籍者免填',
    en: 'At least one parent; leave empty for a parent not in the register',
  },
  'reghint.place': { zh: '縣市，例：臺北市', en: 'County or city, e.g. 臺北市' },
  'reghint.place_list': {
    zh: '輸入縣市或鄉鎮市區（例：北斗），由清單選擇；國外請填國名',
    en: 'Type a county or district (e.g. 北斗) and pick it from the list; abroad, the country',
  },
  'reghint.birth_household': {
    zh: '入籍之戶號；空白則入父或母之戶',
    en: 'Household to register the child in; empty: the parent\'s household',
  },
  'reghint.household_no': { zh: '英文字母 1 碼加數字 7 碼', en: 'One letter and seven digits' },
  'reghint.application_id': {
    zh: '已登記之申請案編號；其後已有異動者，須先撤銷其後之登記',
    en: 'A registered application\'s number; later registrations of the same persons are revoked first',
  },
  'reghint.join_household': {
    zh: '遷入現有戶時填戶號；另立新戶時改填門牌編號',
    en: 'To join a household give its number; for a new household give the door plate instead',
  },
  'reghint.merge_household': { zh: '併入之戶號', en: 'Household to merge into' },
  'reghint.door_plate_id': { zh: '新址之門牌編號', en: 'Door plate number of the new address' },
  'reghint.new_household_plate': { zh: '另立新戶時填寫', en: 'For a new household' },
  'reghint.relation': { zh: '與戶長之稱謂，例：長子、配偶', en: 'Relation to the head, e.g. 長子, 配偶' },
  'reghint.from': {
    zh: '原戶籍地或自國外遷入之國家，例：臺北市大安區、美國',
    en: 'Former registered district, or the country when coming from abroad, e.g. 臺北市大安區, 美國',
  },
  'reghint.to': {
    zh: '遷往國外者填國名或「國外」；國內遷徙由遷入地戶政事務所辦理',
    en: 'The country, or 國外 (abroad); a move within Taiwan is registered where the person moves in',
  },
  'reghint.marriage': {
    zh: '雙方應親自到場；另一方之統一編號',
    en: 'Both parties appear in person; the other party\'s ID number',
  },

  'register.title': { zh: '登記申請', en: 'Registration' },
  'register.intro': {
    zh: '選擇登記類別，核對申請人身分後輸入申請內容。送出後由主管審核，審核通過始完成登記。',
    en: 'Choose the kind of registration, check the applicant\'s identity, then enter the application. A supervisor reviews it before it is registered.',
  },
  'register.steps': { zh: '申請步驟', en: 'Steps' },
  'register.step_type': { zh: '選擇類別', en: 'Type' },
  'register.step_form': { zh: '輸入申請內容', en: 'Application' },
  'register.step_done': { zh: '受理完成', en: 'Received' },
  'register.choose_title': { zh: '選擇登記類別', en: 'Choose the kind of registration' },
  'register.type_legend': { zh: '登記類別', en: 'Kind of registration' },
  'register.type_required': { zh: '請選擇登記類別', en: 'Choose the kind of registration' },
  'register.type_search': { zh: '搜尋登記類別', en: 'Find the kind of registration' },
  'register.type_search_hint': {
    zh: '輸入名稱或功能代碼（例：死亡、02），按 Enter 選第一項',
    en: 'Type a name or the function code (e.g. death, 02); Enter takes the first match',
  },
  'register.type_matches': { zh: '符合 {n} 項', en: '{n} matching' },
  'register.type_not_found': { zh: '查無符合的登記類別', en: 'No kind of registration matches' },
  'register.type_code': { zh: '功能代碼', en: 'Function code' },
  'register.relation_list': { zh: '稱謂', en: 'Relations to the head' },
  'register.place_list': { zh: '縣市及鄉鎮市區', en: 'Counties and districts' },
  'confirm.person': { zh: '{name}（{date}生）', en: '{name} (born {date})' },
  'confirm.person_removed': { zh: '{name}（{date}生，已除戶）', en: '{name} (born {date}; removed from the register)' },
  'confirm.not_found': { zh: '戶籍資料查無此統一編號', en: 'No one in the register has this ID number' },
  'confirm.pending': { zh: '查詢中…', en: 'Looking up…' },
  'register.continue': { zh: '下一步', en: 'Continue' },
  'register.form_title': { zh: '{type}申請', en: 'Registration: {type}' },
  'register.change_type': { zh: '變更登記類別', en: 'Change the kind' },
  'register.section_event': { zh: '登記事項', en: 'The registration' },
  'register.section_applicant': { zh: '申請人', en: 'Applicant' },
  'register.subject_id': { zh: '當事人統一編號', en: 'Subject\'s ID number' },
  'register.subject_none': {
    zh: '當事人之統一編號於審核登記時由系統配賦。',
    en: 'The subject\'s ID number is allocated when the registration is approved.',
  },
  'register.applicant_id_hint': {
    zh: '國民身分證或居留證統一編號；以護照核對者填護照號碼',
    en: 'ID or resident certificate number; the passport number when checked by passport',
  },
  'register.submit_note': {
    zh: '送出後即進入主管審核，同一申請重複送出不會重複登記。',
    en: 'Submitting sends the application for review. Submitting the same application twice never registers it twice.',
  },
  'register.busy': { zh: '送出中，請稍候…', en: 'Submitting…' },
  'register.failed': { zh: '無法受理此申請', en: 'The application cannot be accepted' },
  'register.received': { zh: '已受理申請，案號 {id}，待主管審核。', en: 'Application received as case {id}, pending review.' },
  'register.received_title': { zh: '登記申請已受理', en: 'Application received' },
  'register.received_status': {
    zh: '狀態：待審核。請告知申請人案號，主管審核通過後始完成登記。',
    en: 'Status: pending review. Give the applicant the number; the registration is made once a supervisor approves it.',
  },
  'register.received_facts': { zh: '申請案內容', en: 'The application' },
  'register.late_text': { zh: '本件已逾法定申請期限 {n} 日。', en: 'This application is {n} days past the statutory deadline.' },
  'register.late_fine': { zh: '建議罰鍰：', en: 'Proposed fine: ' },
  'register.late_decided': { zh: '，由主管審核時裁定。', en: ', to be decided by the supervisor.' },
  'register.another': { zh: '受理下一件', en: 'Next application' },
  'register.date_required': { zh: '請輸入日期', en: 'Enter the date' },
  'register.date_future': { zh: '日期不得晚於今日', en: 'The date cannot be in the future' },
  'register.field_required': { zh: '此欄必填', en: 'This field is required' },
  'register.choose_required': { zh: '請選擇一項', en: 'Choose one' },
  'register.household_no_invalid': {
    zh: '戶號應為英文字母 1 碼加數字 7 碼',
    en: 'A household number is one letter and seven digits',
  },
  'register.door_plate_invalid': { zh: '門牌編號應為數字', en: 'A door plate number is digits only' },
  'register.name_too_long': { zh: '姓名不得超過 {n} 字', en: 'A name has at most {n} characters' },
  'register.applicant_name_required': { zh: '請輸入申請人姓名', en: 'Enter the applicant\'s name' },
  'register.applicant_relation_required': {
    zh: '請選擇申請人與當事人之關係',
    en: 'Choose the applicant\'s relation to the subject',
  },
  'register.applicant_interest_required': {
    zh: '請敘明申請人之利害關係或資格事實',
    en: 'State the applicant\'s interest or the facts of their capacity',
  },
  'register.identity_check_required': {
    zh: '請選擇申請人身分核對方式',
    en: 'Choose how the applicant\'s identity was checked',
  },
  'register.passport_invalid': {
    zh: '護照號碼應為 5 至 20 碼英文字母或數字',
    en: 'A passport number has 5 to 20 letters or digits',
  },

  'applicant.name': { zh: '申請人姓名', en: 'Applicant\'s name' },
  'applicant.id_number': { zh: '申請人統一編號', en: 'Applicant\'s ID number' },
  'applicant.relation': { zh: '申請人資格', en: 'Applies as' },
  'applicant.interest': { zh: '利害關係或資格事實', en: 'Interest or basis' },
  'applicant.principal_id': { zh: '委託人統一編號', en: 'Principal\'s ID number' },
  'applicant.principal_relation': { zh: '委託人資格', en: 'Principal applies as' },
  'applicant.capacities_loading': { zh: '載入申請人資格…', en: 'Loading who may apply…' },
  'applicant.identity_check': { zh: '身分核對方式', en: 'Identity checked with' },
  'idcheck.id_card': { zh: '國民身分證', en: 'National ID card' },
  'idcheck.passport': { zh: '護照', en: 'Passport' },
  'idcheck.residence_permit': { zh: '居留證', en: 'Residence permit' },
  'idcheck.citizen_certificate': { zh: '自然人憑證', en: 'Citizen digital certificate' },
  'idcheck.power_of_attorney': { zh: '委託書', en: 'Power of attorney' },
  'idcheck.household_certificate': { zh: '戶口名簿', en: 'Household certificate' },

  'app.number': { zh: '案號', en: 'Application no.' },
  'app.type': { zh: '登記類別', en: 'Kind' },
  'app.subject': { zh: '當事人', en: 'Subject' },
  'app.subject_allocated': { zh: '審核登記時配賦', en: 'Allocated on approval' },
  'app.subject_new': { zh: '新配賦', en: 'To be allocated' },
  'app.event_date': { zh: '事件日期', en: 'Event date' },
  'app.deadline': { zh: '法定申請期限', en: 'Statutory deadline' },
  'app.no_deadline': { zh: '無法定申請期限', en: 'No statutory period' },
  'app.deadline_provisional': {
    zh: '（暫定：期限所在年度之行事曆未載入，為最早可能之日）',
    en: ' (provisional: that year\'s calendar is not loaded; the earliest it can be)',
  },
  'app.lateness': { zh: '逾期', en: 'Late' },
  'app.late_badge': { zh: '逾期', en: 'Late' },
  'app.days_late': { zh: '{n} 日', en: '{n} days' },
  'app.on_time': { zh: '未逾期', en: 'On time' },
  'app.proposed_fine': { zh: '建議罰鍰', en: 'Proposed fine' },
  'app.status': { zh: '狀態', en: 'Status' },
  'app.entered': { zh: '受理', en: 'Entered' },
  'app.entered_by': { zh: '受理人員', en: 'Entered by' },
  'app.entered_at': { zh: '受理時間', en: 'Entered at' },
  'app.reviewed_by': { zh: '審核人員', en: 'Reviewed by' },
  'app.registered_on': { zh: '登記日期', en: 'Registered on' },
  'app.fine_decided': { zh: '裁定罰鍰', en: 'Fine decided' },
  'app.review_note': { zh: '審核意見', en: 'Review note' },
  'app.no_fields': { zh: '此類別無其他登記內容。', en: 'This kind has no further details.' },
  'appstatus.pending_review': { zh: '待審核', en: 'Pending review' },
  'appstatus.registered': { zh: '已登記', en: 'Registered' },
  'appstatus.rejected': { zh: '已駁回', en: 'Refused' },
  'appstatus.revoked': { zh: '已撤銷（撤銷案號 {id}）', en: 'Revoked (by case {id})' },

  'cases.title': { zh: '我的案件', en: 'My cases' },
  'cases.intro': {
    zh: '您受理的登記申請案，依狀態查看駁回理由及下一步；可補附證明文件。尚未送出的申請書仍在「登記申請」畫面。',
    en: 'The applications you entered, by state, with any reason for refusal and what to do next; you can add supporting documents. A form not yet sent stays on the Registration screen.',
  },
  'cases.filter': { zh: '依狀態篩選', en: 'Filter by state' },
  'cases.filter.all': { zh: '全部', en: 'All' },
  'cases.state.sent': { zh: '送審中', en: 'Sent for review' },
  'cases.state.needs_changes': { zh: '需補正', en: 'Needs changes' },
  'cases.state.registered': { zh: '已登記', en: 'Registered' },
  'cases.state.revoked': { zh: '已撤銷', en: 'Revoked' },
  'cases.next.sent': { zh: '等待主管審核，可補附文件', en: 'Waiting for a supervisor; you can add documents' },
  'cases.next.needs_changes': { zh: '補正後重新送件', en: 'Correct it and submit a new application' },
  'cases.next.registered': { zh: '無須處理', en: 'Nothing to do' },
  'cases.next.revoked': { zh: '已撤銷，無須處理', en: 'Revoked; nothing to do' },
  'cases.number': { zh: '案號 {id}', en: 'Case {id}' },
  'cases.submitted': { zh: '送件時間', en: 'Submitted' },
  'cases.reason': { zh: '駁回理由', en: 'Reason for refusal' },
  'cases.next_step': { zh: '下一步', en: 'Next step' },
  'cases.empty': { zh: '沒有符合的案件。', en: 'No cases match.' },
  'cases.loaded': { zh: '已載入 {n} 件案件。', en: '{n} cases loaded.' },
  'cases.more': { zh: '載入更多案件', en: 'Load more cases' },
  'cases.load_failed': { zh: '無法載入案件', en: 'Could not load the cases' },
  'cases.back': { zh: '回到我的案件', en: 'Back to my cases' },
  'cases.upload_title': { zh: '補附證明文件', en: 'Add a supporting document' },
  'cases.upload_label': { zh: '選擇檔案', en: 'Choose a file' },
  'cases.upload_hint': { zh: 'PDF、JPEG 或 PNG，5 MB 以內', en: 'PDF, JPEG or PNG, up to 5 MB' },
  'cases.upload': { zh: '上傳文件', en: 'Upload the document' },
  'cases.uploading': { zh: '上傳中，請稍候…', en: 'Uploading…' },
  'cases.uploaded': { zh: '已附上「{name}」。', en: '"{name}" was attached.' },
  'cases.upload_closed': {
    zh: '已審核之案件不得再增附件；補正時請將文件附於重新送件之申請案。',
    en: 'A reviewed case takes no more documents; attach them to the new application when you resubmit.',
  },
  'cases.upload_choose': { zh: '請選擇要上傳的檔案', en: 'Choose the file to upload' },
  'cases.upload_type': { zh: '文件須為 PDF、JPEG 或 PNG', en: 'The document must be a PDF, JPEG or PNG' },
  'cases.upload_size': { zh: '文件須小於 5 MB 且不得為空白', en: 'The document must be under 5 MB and not empty' },

  'case.staff': { zh: '{name}（{username}）', en: '{name} ({username})' },
  'case.result_subject': { zh: '登記之當事人', en: 'Person registered' },
  'case.principal': { zh: '委託人', en: 'Principal' },
  'case.parties': { zh: '當事人及關係人', en: 'People in this application' },
  'case.no_parties': { zh: '本案未載有統一編號。', en: 'No ID numbers in this application.' },
  'case.person_link': { zh: '查看個人資料', en: 'View record' },
  'case.changes': { zh: '異動前後', en: 'What changes' },
  'case.change_person': { zh: '對象', en: 'Person' },
  'case.change_field': { zh: '項目', en: 'Item' },
  'case.before': { zh: '異動前', en: 'Before' },
  'case.after': { zh: '異動後', en: 'After' },
  'case.no_changes': { zh: '本案不變更個人資料。', en: 'This application changes no personal details.' },
  'case.changes_pending_only': {
    zh: '異動前後僅於審核前顯示；已登記者請見下列記事。',
    en: 'Before and after are shown until the review; for a registered case see the entries below.',
  },
  'case.preview_refused': { zh: '依目前戶籍資料無法登記', en: 'Cannot be registered as the register stands' },
  'case.entries': { zh: '將寫入之記事', en: 'Entries to be written' },
  'case.entries_written': { zh: '已寫入之記事', en: 'Entries written' },
  'case.no_entries': { zh: '無記事。', en: 'No entries.' },
  'case.documents': { zh: '證明文件', en: 'Supporting documents' },
  'case.no_documents': { zh: '尚未附上文件。', en: 'No documents attached yet.' },
  'case.document_meta': { zh: '{kb} KB，{at} 上傳', en: '{kb} KB, uploaded {at}' },
  'change.person': { zh: '新設個人', en: 'New person' },
  'change.name': { zh: '姓名', en: 'Name' },
  'change.sex': { zh: '性別', en: 'Sex' },
  'change.birth_date': { zh: '出生日期', en: 'Date of birth' },
  'change.birth_place': { zh: '出生地', en: 'Place of birth' },
  'change.father': { zh: '父', en: 'Father' },
  'change.mother': { zh: '母', en: 'Mother' },
  'change.spouse': { zh: '配偶', en: 'Spouse' },
  'change.indigenous': { zh: '原住民族別', en: 'Indigenous people' },
  'change.status': { zh: '戶籍狀態', en: 'Status' },
  'change.removal_reason': { zh: '除戶原因', en: 'Reason for removal' },
  'change.address': { zh: '住址', en: 'Address' },
  'change.relation': { zh: '稱謂', en: 'Relation to the head' },
  'change.other': { zh: '其他', en: 'Other' },
  'change.none': { zh: '（無）', en: '(none)' },
  'review.own_badge': { zh: '本人受理', en: 'Entered by you' },
  'review.own_reason': {
    zh: '此案由您受理，依四眼原則須由其他主管審核，您不得核准或駁回。',
    en: 'You entered this application: under the four-eyes rule another supervisor must review it, so you cannot approve or refuse it.',
  },
  'review.view': { zh: '檢視', en: 'View' },
  'review.clerk': { zh: '受理人員', en: 'Entered by' },
  'review.title': { zh: '審核', en: 'Review' },
  'review.intro': {
    zh: '審核承辦人受理之登記申請。不得審核自己受理之案件；逾期案件須裁定罰鍰。',
    en: 'Review the applications clerks have entered. You cannot review your own; late applications need a fine decided.',
  },
  'review.queue_title': { zh: '待審核案件', en: 'Applications pending review' },
  'review.queue_count': { zh: '待審核案件（{n} 件）', en: 'Pending review ({n})' },
  'review.queue_loaded': { zh: '待審核案件 {n} 件。', en: '{n} applications pending review.' },
  'review.queue_empty': { zh: '目前沒有待審核的案件。', en: 'No applications are waiting for review.' },
  'review.refresh': { zh: '重新整理', en: 'Refresh' },
  'review.action': { zh: '處理', en: 'Action' },
  'review.open': { zh: '審核', en: 'Review' },
  'review.load_failed': { zh: '無法載入案件', en: 'Could not load the applications' },
  'review.detail_title': { zh: '案號 {id}：{type}', en: 'Case {id}: {type}' },
  'review.back': { zh: '回到待審清單', en: 'Back to the queue' },
  'review.facts': { zh: '登記事項', en: 'The registration' },
  'review.fields': { zh: '{type}內容', en: '{type}: details' },
  'review.applicant': { zh: '申請人', en: 'Applicant' },
  'review.entry': { zh: '受理紀錄', en: 'Entry' },
  'review.already': { zh: '此案件已審核：', en: 'This application has been reviewed:' },
  'review.decision_title': { zh: '審核結果', en: 'Decision' },
  'review.decision': { zh: '審核決定', en: 'Decision' },
  'review.approve': { zh: '核准登記', en: 'Approve and register' },
  'review.reject': { zh: '駁回', en: 'Refuse' },
  'review.fine': { zh: '裁定罰鍰（新臺幣元）', en: 'Fine decided (NT$)' },
  'review.fine_hint': {
    zh: '建議範圍 {range}；有正當理由免罰者填 0，並於審核意見說明理由',
    en: 'Proposed {range}; for a good cause enter 0 and state the cause in the note',
  },
  'review.note': { zh: '審核意見', en: 'Note' },
  'review.note_hint': { zh: '駁回時必填', en: 'Required to refuse' },
  'review.note_hint_late': {
    zh: '駁回或免罰（罰鍰 0 元）時必填',
    en: 'Required to refuse, or to waive the fine (0)',
  },
  'review.late_text': {
    zh: '本件逾期 {n} 日，建議罰鍰 {range}（戶籍法第 79 條）。',
    en: 'This application is {n} days late; proposed fine {range} (Household Registration Act §79).',
  },
  'review.submit': { zh: '送出審核結果', en: 'Submit decision' },
  'review.busy': { zh: '審核中，請稍候…', en: 'Submitting…' },
  'review.failed': { zh: '無法完成審核', en: 'The decision was not recorded' },
  'review.reload': { zh: '重新載入申請案', en: 'Reload the application' },
  'review.concurrent_hint': {
    zh: '相關戶籍已有其他異動：可駁回並請承辦人依現況重新受理。',
    en: 'A household it touches has changed: refuse it and ask the clerk to enter it again.',
  },
  'review.decision_required': { zh: '請選擇核准登記或駁回', en: 'Choose to approve or to refuse' },
  'review.note_required': { zh: '駁回須註明理由', en: 'Give the reason for refusing' },
  'review.fine_required': {
    zh: '逾期案件須裁定罰鍰（建議 {min}–{max} 元）',
    en: 'A late application needs a fine (proposed NT${min}–{max})',
  },
  'review.fine_number': { zh: '罰鍰請以整數元輸入', en: 'Enter the fine in whole dollars' },
  'review.fine_range': {
    zh: '罰鍰須介於 {min} 至 {max} 元，或填 0 並說明正當理由',
    en: 'The fine must be NT${min}–{max}, or 0 with a good cause',
  },
  'review.good_cause_required': {
    zh: '免罰須於審核意見說明正當理由',
    en: 'State the good cause in the note to waive the fine',
  },
  'review.registered': { zh: '已完成登記：案號 {id}', en: 'Registered: case {id}' },
  'review.rejected': { zh: '已駁回：案號 {id}', en: 'Refused: case {id}' },
  'review.allocated_id': { zh: '配賦統一編號', en: 'ID number allocated' },
  'review.event_seqs': { zh: '戶籍記事序號', en: 'Register entry no.' },
  'review.lookup_person': { zh: '查詢此人戶籍資料', en: 'Look this person up' },

  'sampling.title': { zh: '抽核', en: 'Sampling' },
  'sampling.intro': {
    zh: '依日期抽取已登記案件複核，標記正確或誤辦（誤辦須註明原因），並檢視本月登記正確率。',
    en: 'Draw registered applications of a day for a second check, mark each correct or erroneous (with a reason), and follow this month\'s correctness.',
  },
  'sampling.draw_title': { zh: '抽樣條件', en: 'What to sample' },
  'sampling.day': { zh: '登記日期', en: 'Day registered' },
  'sampling.day_hint': {
    zh: '抽取該日完成登記之案件（預設為最近一個有案件可抽核的日子）',
    en: 'Applications registered that day (at first, the latest day with cases you may sample)',
  },
  'sampling.percent': { zh: '抽樣比例（%）', en: 'Percentage' },
  'sampling.percent_hint': { zh: '1 至 100，至少抽 1 件', en: '1 to 100; at least one case' },
  'sampling.percent_invalid': { zh: '抽樣比例應為 1 至 100 的整數', en: 'The percentage must be a whole number from 1 to 100' },
  'sampling.submit': { zh: '抽樣', en: 'Draw sample' },
  'sampling.busy': { zh: '抽樣中…', en: 'Drawing the sample…' },
  'sampling.draw_failed': { zh: '無法抽樣', en: 'Could not draw the sample' },
  'sampling.drawn': { zh: '已抽出 {n} 件。', en: '{n} cases drawn.' },
  'sampling.cases_title': { zh: '抽樣案件（{percent} %，共 {n} 件）', en: 'Cases sampled ({percent} %, {n} in all)' },
  'sampling.none': { zh: '當日沒有已登記的案件。', en: 'No applications were registered that day.' },
  'sampling.result': { zh: '抽核結果', en: 'Result' },
  'sampling.correct': { zh: '正確', en: 'Correct' },
  'sampling.erroneous': { zh: '誤辦', en: 'Erroneous' },
  'sampling.reason': { zh: '誤辦原因', en: 'What was wrong' },
  'sampling.reason_hint': { zh: '例：稱謂誤植、漏登記事', en: 'e.g. wrong relation, missing entry' },
  'sampling.reason_shown': { zh: '原因：', en: 'Reason: ' },
  'sampling.by': { zh: '抽核人員：{by}', en: 'Checked by {by}' },
  'sampling.save': { zh: '儲存抽核結果', en: 'Save result' },
  'sampling.failed': { zh: '無法儲存抽核結果', en: 'The result was not saved' },
  'sampling.recorded': { zh: '已儲存案號 {id} 之抽核結果。', en: 'Result for case {id} saved.' },
  'sampling.result_required': { zh: '請選擇正確或誤辦', en: 'Choose correct or erroneous' },
  'sampling.reason_required': { zh: '誤辦須註明原因', en: 'Say what was wrong' },

  'kpi.title': { zh: '本月登記正確率', en: 'Registration correctness this month' },
  'kpi.actual': { zh: '實際', en: 'Actual' },
  'kpi.target_label': { zh: '年度目標', en: 'Yearly target' },
  'kpi.target_note': { zh: '依法定數值設定', en: 'As configured in the statutory figures' },
  'kpi.target_prior': { zh: '不得低於前 {n} 年平均（{avg}）', en: 'Not below the prior {n} years\' average ({avg})' },
  'kpi.citizen_excluded': { zh: '民眾所致錯誤（不列入）', en: 'Caused by citizens (left out)' },
  'kpi.met': { zh: '達成目標', en: 'Target met' },
  'kpi.unmeasured': { zh: '本月尚未抽核', en: 'Nothing sampled yet this month' },
  'kpi.missed': { zh: '未達目標', en: 'Below target' },
  'kpi.period': { zh: '統計期間', en: 'Period' },
  'kpi.received': { zh: '受理件數', en: 'Received' },
  'kpi.sampled': { zh: '抽核件數', en: 'Sampled' },
  'kpi.erroneous': { zh: '誤辦件數', en: 'Erroneous' },
  'kpi.cases': { zh: '{n} 件', en: '{n}' },
  'kpi.persons': { zh: '{n} 人', en: '{n}' },
  'kpi.formula': { zh: '計算方式', en: 'Formula' },
  'kpi.formula_text': {
    zh: '（受理件數 − 誤辦件數）÷ 受理件數；誤辦含抽核誤辦及因本所錯誤撤銷者',
    en: '(received − erroneous) ÷ received; errors are sampled errors and office errors revoked',
  },

  'hh.title': { zh: '戶籍資料', en: 'Household' },
  'hh.intro': {
    zh: '輸入戶號並選擇查詢事由，檢視戶址及戶內人口。每次查詢均留存紀錄備查。',
    en: 'Enter the household number and choose a purpose to see the address and the members. Every lookup is logged.',
  },
  'hh.form_label': { zh: '戶籍查詢條件', en: 'Household search' },
  'hh.no_hint': { zh: '英文字母 1 碼加數字 7 碼，例：F1234567', en: 'One letter and seven digits, e.g. F1234567' },
  'hh.no_required': { zh: '請輸入戶號', en: 'Enter the household number' },
  'hh.result_title': { zh: '戶號 ', en: 'Household ' },
  'hh.loaded': { zh: '已載入戶號 {no}，戶內 {n} 人。', en: 'Household {no} loaded: {n} members.' },
  'hh.head': { zh: '戶長', en: 'Head of household' },
  'hh.head_tag': { zh: '戶長', en: 'Head' },
  'hh.established': { zh: '設籍日期', en: 'Established' },
  'hh.members_active': { zh: '現住人口', en: 'Residents' },
  'hh.events_title': { zh: '戶內人口記事', en: "The members' register entries" },
  'hh.events_note': {
    zh: '各人記事以相同查詢事由逐一調閱，並分別留存查詢紀錄。',
    en: 'Each member\'s entries are read with the same purpose, and each read is logged.',
  },
  'hh.events_loading': { zh: '記事載入中…', en: 'Loading entries…' },
  'hh.events_loaded': { zh: '已載入戶內人口記事。', en: 'The members\' entries are loaded.' },

  'rules.title': { zh: '法規數值', en: 'Statutory figures' },
  'rules.intro': {
    zh: '登記期限、罰鍰級距、催告期間、國籍期間與績效目標，依生效日期分版本。案件依其事件發生日適用之版本計算。',
    en: 'Deadlines, fine bands, the reminder period, nationality periods and targets, in versions by effective date. A case is judged by the version in force on its event date.',
  },
  'rules.versions': { zh: '各版本', en: 'Versions' },
  'rules.load_failed': { zh: '無法載入法規數值', en: 'The statutory figures could not be loaded' },
  'rules.effective_from': { zh: '生效日期', en: 'In force from' },
  'rules.status': { zh: '狀態', en: 'Status' },
  'rules.source': { zh: '來源', en: 'Source' },
  'rules.show': { zh: '檢視數值', en: 'Show figures' },
  'rules.in_force': { zh: '現行', en: 'In force' },
  'rules.upcoming': { zh: '將施行', en: 'Upcoming' },
  'rules.superseded': { zh: '已停止適用', en: 'Superseded' },
  'rules.source_file': { zh: '隨系統提供之檔案', en: 'Shipped file' },
  'rules.source_database': { zh: '{by} 於 {at} 載入', en: 'Loaded by {by} at {at}' },
  'rules.figures_of': { zh: '{date} 起適用之數值', en: 'Figures in force from {date}' },
  'rules.statutes': { zh: '依據：', en: 'Sources: ' },
  'rules.fig.birth': { zh: '出生登記期限', en: 'Birth registration period' },
  'rules.fig.general': { zh: '其他登記期限', en: 'Period of other registrations' },
  'rules.fig.move': { zh: '遷徙登記期限', en: 'Moves' },
  'rules.fig.abroad': { zh: '出境幾年應為遷出登記', en: 'Years abroad before a move-out is due' },
  'rules.fig.marriage': { zh: '結婚自登記生效之起始日', en: 'Marriages take effect by registration from' },
  'rules.fig.divorce': { zh: '兩願離婚自登記生效之起始日', en: 'Agreed divorces take effect by registration from' },
  'rules.fig.bands': { zh: '逾期罰鍰級距', en: 'Late fines by days late' },
  'rules.fig.max': { zh: '逾期罰鍰法定上限', en: 'Statutory maximum of a late fine' },
  'rules.fig.after_reminder': { zh: '經催告仍不申請之罰鍰', en: 'Fine after a written reminder lapsed' },
  'rules.fig.false': { zh: '虛偽申請罰鍰（自首 / 查獲 / 檢舉）', en: 'False application fines (self-corrected / found / reported)' },
  'rules.fig.reminder': { zh: '催告期間', en: 'Reminder period' },
  'rules.fig.nationality': { zh: '國籍後續登記期限', en: 'Nationality follow-up registration' },
  'rules.fig.proof': { zh: '繳交喪失原國籍證明期限', en: 'Proof of loss of the former nationality' },
  'rules.fig.proof_reminder': { zh: '證明到期前提醒', en: 'Reminder before the proof is due' },
  'rules.fig.name_cap': { zh: '姓名變更次數上限（姓名條例第9條）', en: 'Name changes allowed (Names Act §9)' },
  'rules.fig.majority': { zh: '成年年齡（民法第12條）', en: 'Age of majority (Civil Code §12)' },
  'rules.fig.marriage_age': { zh: '最低結婚年齡（民法第980條）', en: 'Minimum age to marry (Civil Code §980)' },
  'rules.marriage_ages': { zh: '男 {man} 歲、女 {woman} 歲', en: 'men {man}, women {woman}' },
  'rules.age': { zh: '{n} 歲', en: '{n} years old' },
  'rules.fig.correctness': { zh: '登記正確率目標', en: 'Registration correctness target' },
  'rules.fig.care': { zh: '主動關懷通報率目標', en: 'Proactive care notification target' },
  'rules.days': { zh: '{n} 日', en: '{n} days' },
  'rules.working_days': { zh: '{n} 個工作日', en: '{n} working days' },
  'rules.years': { zh: '{n} 年', en: '{n} years' },
  'rules.times': { zh: '{n} 次', en: '{n} times' },
  'rules.money': { zh: '新臺幣 {n} 元', en: 'NT${n}' },
  'rules.move': { zh: '居住滿 {months} 個月後 {days} 日內', en: '{days} days after {months} months there' },
  'rules.band': { zh: '{from}–{to} 日 {amount} 元', en: '{from}–{to} days NT${amount}' },
  'rules.band_beyond': { zh: '{from} 日以上 {amount} 元', en: '{from}+ days NT${amount}' },
  'rules.prior_years': { zh: '，且不低於前 {n} 年平均', en: ', and not below the prior {n} years\' average' },
  'rules.load_title': { zh: '載入新版本', en: 'Load a new version' },
  'rules.load_refused': { zh: '未載入：請修正後再試', en: 'Not loaded: correct it and try again' },
  'rules.text': { zh: '版本內容', en: 'Version text' },
  'rules.text_hint': {
    zh: '每個版本以「effective 生效日期」開頭並列出全部項目；生效日期須晚於今日。內容已先帶入現行版本，自明日生效。',
    en: 'Each version starts with “effective DATE” and lists every key; it must take effect after today. Prefilled with the version in force, from tomorrow.',
  },
  'rules.text_required': { zh: '請輸入版本內容', en: 'Enter the version text' },
  'rules.load_submit': { zh: '載入', en: 'Load' },
  'rules.loaded': { zh: '已載入生效日期 {dates} 之版本', en: 'Loaded the version(s) in force from {dates}' },
  'nationality.title': { zh: '國籍案件', en: 'Nationality cases' },
  'nationality.intro': {
    zh: '內政部許可歸化、回復、喪失或放棄國籍後，應自許可函翌日起 30 個工作日內辦理登記；歸化者應於 1 年內提出喪失原有國籍證明。',
    en: 'After the Ministry approves a naturalization, restoration, loss or renunciation, the registration is due within 30 working days from the day after its letter; a naturalized person must prove the loss of the former nationality within a year.',
  },
  'nationality.cases': { zh: '國籍案件', en: 'Cases' },
  'nationality.cases_count': { zh: '國籍案件（{n} 件）', en: 'Cases ({n})' },
  'nationality.none': { zh: '目前沒有國籍案件。', en: 'No nationality cases.' },
  'nationality.load_failed': { zh: '無法載入國籍案件', en: 'Could not load the cases' },
  'nationality.kind': { zh: '案件類別', en: 'Kind' },
  'nationality.person': { zh: '當事人', en: 'Person' },
  'nationality.person_name': { zh: '當事人姓名', en: 'Person\'s name' },
  'nationality.id_number': { zh: '統一編號', en: 'ID number' },
  'nationality.id_hint': { zh: '居留證或國民身分證統一編號，尚未配賦者免填', en: 'Resident certificate or ID number, if allocated' },
  'nationality.letter_date': { zh: '許可函日期', en: 'Approval letter' },
  'nationality.letter_hint': { zh: '內政部許可函發文日期', en: 'Date of the Ministry\'s letter' },
  'nationality.original_date': { zh: '原處分日期', en: 'Decision revoked' },
  'nationality.original_hint': {
    zh: '原歸化或喪失國籍之日期；逾五年不得撤銷（國籍法第19條）',
    en: 'Date of the naturalization or loss revoked; not after five years (Nationality Act art. 19)',
  },
  'nationality.original_after_letter': { zh: '原處分日期不得晚於許可函日期', en: 'The decision revoked cannot be later than the letter' },
  'nationality.sham': { zh: '法院判決確認虛偽結婚或收養', en: 'A court found a sham marriage or adoption' },
  'nationality.sham_hint': { zh: '是者不受五年限制（國籍法第19條第2項）', en: 'If so, the five years do not apply (art. 19(2))' },
  'nationality.sham_no': { zh: '否', en: 'No' },
  'nationality.sham_yes': { zh: '是', en: 'Yes' },
  'nationality.proof_due_provisional': {
    zh: '暫定：該年度行事曆尚未載入，遇休息日將順延',
    en: 'Provisional: that year\'s calendar is not loaded; a day off moves it',
  },
  'nationality.registration_due': { zh: '登記期限', en: 'Registration due' },
  'nationality.registered_on': { zh: '已登記：', en: 'Registered: ' },
  'nationality.proof_due': { zh: '喪失原國籍證明期限', en: 'Proof of loss due' },
  'nationality.proof_received_on': { zh: '已收證明：', en: 'Received: ' },
  'nationality.no_proof': { zh: '免附', en: 'Not needed' },
  'nationality.reminder': { zh: '應提醒繳交證明', en: 'Remind: proof due' },
  'nationality.reminders': { zh: '{n} 件應提醒繳交喪失原國籍證明', en: '{n} to remind about proof of loss' },
  'nationality.record_notice_sent': { zh: '已寄繳附通知單', en: 'Notice sent' },
  'nationality.registered_by': { zh: '登記案號 {id}', en: 'registration, case {id}' },
  'nationality.notice_sent_on': { zh: '通知單：', en: 'Notice: ' },
  'nationality.record_proof': { zh: '收到證明', en: 'Proof received' },
  'nationality.record_title': { zh: '記錄案號 {id}：{what}', en: 'Case {id}: {what}' },
  'nationality.record_on': { zh: '日期', en: 'Date' },
  'nationality.record_save': { zh: '確認記錄', en: 'Record' },
  'nationality.recorded_notice': {
    zh: '已記錄案號 {id}（{name}）寄發喪失原國籍證明繳附通知單。',
    en: 'Case {id} ({name}): the notice to submit the proof of loss recorded as sent.',
  },
  'nationality.recorded_proof': {
    zh: '已記錄案號 {id}（{name}）收到喪失原國籍證明。',
    en: 'Case {id} ({name}): proof of loss recorded.',
  },
  'nationality.failed': { zh: '無法儲存', en: 'Not saved' },
  'nationality.open_title': { zh: '新增國籍案件', en: 'Open a nationality case' },
  'nationality.open_submit': { zh: '建立案件', en: 'Open case' },
  'nationality.opened': { zh: '已建立國籍案件，案號 {id}（{name}）。', en: 'Case {id} ({name}) opened.' },
  'nationality.test_title': { zh: '預約歸化測試', en: 'Book the naturalization test' },
  'nationality.test_case': { zh: '國籍案件', en: 'Case' },
  'nationality.test_no_case': { zh: '不指定案件', en: 'No case' },
  'nationality.candidate': { zh: '應試者姓名', en: 'Candidate' },
  'nationality.test_date': { zh: '測試日期', en: 'Date' },
  'nationality.test_date_hint': { zh: '上班日，今日以後', en: 'A working day after today' },
  'nationality.test_time': { zh: '時段', en: 'Time' },
  'nationality.test_submit': { zh: '預約', en: 'Book' },
  'nationality.test_failed': { zh: '無法預約', en: 'Not booked' },
  'nationality.test_future': { zh: '測試日期須晚於今日', en: 'The test date must be after today' },
  'nationality.booked': {
    zh: '已預約{name}於{date} {time}參加歸化測試。',
    en: '{name} is booked for the naturalization test on {date} at {time}.',
  },
  'nationality.bookings': { zh: '已預約之歸化測試（{n} 人）', en: 'Test bookings ({n})' },
  'nationality.no_bookings': { zh: '目前沒有預約。', en: 'No bookings.' },
  'nationality.booked_by': { zh: '預約人員', en: 'Booked by' },
  'natkind.naturalization': { zh: '歸化', en: 'Naturalization' },
  'natkind.restoration': { zh: '回復國籍', en: 'Restoration' },
  'natkind.loss': { zh: '喪失國籍', en: 'Loss' },
  'natkind.renunciation': { zh: '放棄國籍', en: 'Renunciation' },
  'natkind.naturalization_revoked': { zh: '撤銷歸化', en: 'Naturalization revoked' },
  'natkind.loss_revoked': { zh: '撤銷喪失國籍', en: 'Loss revoked' },
  'natkind.restoration_note': { zh: '回復國籍註記', en: 'Restoration (note)' },
  'natstate.awaiting_registration': { zh: '待辦登記', en: 'Awaiting registration' },
  'natstate.registration_overdue': { zh: '登記逾期', en: 'Registration overdue' },
  'natstate.awaiting_proof_of_loss': { zh: '待繳證明', en: 'Awaiting proof of loss' },
  'natstate.proof_overdue': { zh: '證明逾期', en: 'Proof overdue' },
  'natstate.closed': { zh: '已結案', en: 'Closed' },

  'reminders.title': { zh: '催告', en: 'Reminders' },
  'reminders.intro': {
    zh: '逾法定期間未申請之登記，以書面催告應為申請之人限期申請（戶籍法第48條）；屆期仍不申請者，由本所逕為登記並處罰鍰。',
    en: 'A registration not filed in time is reminded of in writing with a new period (Household Registration Act §48); if that passes, the office registers it itself and a fine follows.',
  },
  'reminders.list': { zh: '催告案件', en: 'Reminders' },
  'reminders.count': { zh: '催告案件（{n} 件）', en: 'Reminders ({n})' },
  'reminders.none': { zh: '沒有符合的催告案件。', en: 'No reminders.' },
  'reminders.filter': { zh: '狀態', en: 'State' },
  'reminders.type': { zh: '登記類別', en: 'Registration' },
  'reminders.subject': { zh: '當事人統一編號', en: 'Person concerned (ID number)' },
  'reminders.subject_hint': { zh: '出生登記填生母', en: 'For a birth, the mother' },
  'reminders.event_date': { zh: '事件發生日', en: 'Event date' },
  'reminders.served_on': { zh: '送達日', en: 'Served on' },
  'reminders.served_hint': { zh: '未填為今日', en: 'Today if left empty' },
  'reminders.due': { zh: '限期', en: 'New period ends' },
  'reminders.addressees': { zh: '受催告人', en: 'Addressees' },
  'reminders.addressee': { zh: '應為申請之人統一編號', en: 'Person who must apply (ID number)' },
  'reminders.relation': { zh: '與當事人關係', en: 'Relation to the person' },
  'reminders.letter': { zh: '催告書', en: 'Letter' },
  'reminders.download': { zh: '下載催告書', en: 'Download letter' },
  'reminders.issue_title': { zh: '新增催告', en: 'Issue a reminder' },
  'reminders.issue_submit': { zh: '建立催告', en: 'Issue' },
  'reminders.issued': { zh: '已建立催告，案號 {id}，限期至 {due}。', en: 'Reminder issued as case {id}, due {due}.' },
  'reminders.failed': { zh: '無法建立催告', en: 'Not issued' },
  'remstate.all': { zh: '全部', en: 'All' },
  'remstate.open': { zh: '催告中', en: 'Open' },
  'remstate.lapsed': { zh: '逾期未申請', en: 'Lapsed' },
  'remstate.complied': { zh: '已申請', en: 'Complied' },
  'remstate.filed_after_lapse': { zh: '逾限期後申請', en: 'Filed after the period' },
  'remstate.registered_ex_officio': { zh: '已逕為登記', en: 'Registered ex officio' },

  // 系統管理 (the system administrator's screens)
  'users.title': { zh: '人員帳號', en: 'Staff accounts' },
  'users.intro': {
    zh: '{office}人員的登入帳號：新增、變更角色、停用或啟用、解除鎖定、重設密碼、登出所有連線。每項變更都記入稽核軌跡。',
    en: 'Sign-in accounts of the staff of {office}: add, change the role, disable or enable, unlock, reset the password, sign out everywhere. Every change is recorded in the audit trail.',
  },
  'users.list': { zh: '本所人員', en: 'Staff of your office' },
  'users.list_failed': { zh: '無法載入人員帳號', en: 'Staff accounts could not be loaded' },
  'users.username': { zh: '帳號', en: 'Username' },
  'users.name': { zh: '姓名', en: 'Name' },
  'users.role': { zh: '角色', en: 'Role' },
  'users.state': { zh: '狀態', en: 'State' },
  'users.state_active': { zh: '使用中', en: 'Active' },
  'users.state_disabled': { zh: '已停用', en: 'Disabled' },
  'users.state_locked': { zh: '登入失敗過多', en: 'Locked (failed sign-ins)' },
  'users.last_login': { zh: '最近登入', en: 'Last sign-in' },
  'users.never': { zh: '從未登入', en: 'Never' },
  'users.totp': { zh: '一次性密碼', en: 'One-time codes' },
  'users.totp_yes': { zh: '已設定', en: 'Enrolled' },
  'users.totp_no': { zh: '未設定', en: 'Not enrolled' },
  'users.sessions': { zh: '登入中連線', en: 'Signed-in sessions' },
  'users.recent_failures': { zh: '近期登入失敗次數', en: 'Recent failed sign-ins' },
  'users.created': { zh: '建立時間', en: 'Created' },
  'users.manage': { zh: '管理', en: 'Manage' },
  'users.account_of': { zh: '帳號 {user}（{name}）', en: 'Account {user} ({name})' },
  'users.change_role': { zh: '變更角色', en: 'Change role' },
  'users.role_self_hint': {
    zh: '這是您自己的帳號；本所最後一位系統管理員不能改為其他角色。',
    en: 'This is your own account; the office’s last system administrator cannot be given another role.',
  },
  'users.disable': { zh: '停用帳號', en: 'Disable account' },
  'users.enable': { zh: '啟用帳號', en: 'Enable account' },
  'users.unlock': { zh: '解除鎖定', en: 'Unlock' },
  'users.reset': { zh: '重設密碼', en: 'Reset password' },
  'users.revoke': { zh: '登出所有連線', en: 'Sign out everywhere' },
  'users.actions_hint': {
    zh: '停用、重設密碼及變更角色都會立即登出此帳號的所有連線。',
    en: 'Disabling, resetting the password and changing the role all sign the account out everywhere at once.',
  },
  'users.action_refused': { zh: '未完成變更', en: 'The change was not made' },
  'users.done_disable': { zh: '已停用帳號 {user}，其連線均已登出。', en: 'Account {user} disabled and signed out everywhere.' },
  'users.done_enable': { zh: '已啟用帳號 {user}。', en: 'Account {user} enabled.' },
  'users.done_unlock': { zh: '已解除帳號 {user} 的鎖定。', en: 'Account {user} unlocked.' },
  'users.done_revoke': { zh: '已登出帳號 {user} 的所有連線。', en: 'Account {user} signed out everywhere.' },
  'users.done_role': { zh: '帳號 {user} 的角色已改為{role}，須重新登入。', en: 'Account {user} is now {role}; they sign in again.' },
  'users.done_reset': { zh: '已重設帳號 {user} 的密碼。', en: 'Password of {user} reset.' },
  'users.password_added': { zh: '已新增帳號 {user}：初始密碼', en: 'Account {user} added: its initial password' },
  'users.password_reset': { zh: '帳號 {user} 的新密碼', en: 'The new password of {user}' },
  'users.password_once': {
    zh: '請當面交給本人。此密碼只顯示這一次，離開本頁或進行其他操作後即無法再查看。',
    en: 'Hand it to the person in person. It is shown only this once: it cannot be seen again after you leave this page or do anything else.',
  },
  'users.add_title': { zh: '新增人員帳號', en: 'Add a staff account' },
  'users.add_intro': {
    zh: '帳號建立於{office}；系統會產生初始密碼並只顯示一次。',
    en: 'The account is added to {office}; the system generates an initial password and shows it once.',
  },
  'users.username_hint': {
    zh: '1–64 個小寫英文字母、數字、點、底線或連字號，例如 wang.xm',
    en: '1–64 lowercase letters, digits, dots, underscores or hyphens, e.g. wang.xm',
  },
  'users.username_invalid': {
    zh: '帳號須為 1–64 個小寫英文字母、數字、點、底線或連字號',
    en: 'The username must be 1–64 lowercase letters, digits, dots, underscores or hyphens',
  },
  'users.name_required': { zh: '請輸入姓名', en: 'Enter the name' },
  'users.add_submit': { zh: '新增帳號', en: 'Add account' },
  'users.add_refused': { zh: '無法新增帳號', en: 'The account was not added' },
  'users.added': { zh: '已新增帳號 {user}', en: 'Account {user} added' },
  'users.calendar_link': { zh: '前往辦公日曆載入', en: 'Load it on the working-day calendar page' },
  'offices.title': { zh: '戶政事務所', en: 'Offices' },
  'offices.intro': {
    zh: '系統中的戶政事務所（由轄區資料設定，此處僅供查閱）。標示「本所」者為您所屬的事務所。',
    en: 'The household registration offices the system knows (set by the district data; read only here). Yours is marked.',
  },
  'offices.list': { zh: '事務所一覽', en: 'All offices' },
  'offices.failed': { zh: '無法載入戶政事務所', en: 'The offices could not be loaded' },
  'offices.code': { zh: '代碼', en: 'Code' },
  'offices.name': { zh: '名稱', en: 'Name' },
  'offices.area': { zh: '轄區', en: 'Area' },
  'offices.address': { zh: '地址', en: 'Address' },
  'offices.own': { zh: '本所', en: 'Yours' },
  'calendar.title': { zh: '辦公日曆', en: 'Working-day calendar' },
  'calendar.intro': {
    zh: '政府行政機關辦公日曆表：各項期限依此計算上班日。缺少某年度時，跨入該年度的期限無法計算。',
    en: 'The government office calendar: deadlines count working days on it. Without a year, no deadline reaching into that year can be computed.',
  },
  'calendar.years': { zh: '已載入年度', en: 'Years loaded' },
  'calendar.list_failed': { zh: '無法載入辦公日曆', en: 'The calendar could not be loaded' },
  'calendar.year': { zh: '年度', en: 'Year' },
  'calendar.source': { zh: '來源', en: 'Source' },
  'calendar.source_file': { zh: '隨系統提供之檔案', en: 'File shipped with the system' },
  'calendar.source_database': { zh: '由 {by} 於 {at} 載入', en: 'Loaded by {by} on {at}' },
  'calendar.provisional': { zh: '（暫定，尚未與人事行政總處公告核對）', en: ' (provisional: not yet checked against the published table)' },
  'calendar.show': { zh: '查看', en: 'View' },
  'calendar.days_of': { zh: '{year}放假日及補行上班日', en: 'Holidays and make-up working days of {year}' },
  'calendar.days_intro': {
    zh: '只列週一至週五的放假日與週六、週日的補行上班日；其餘週六、週日放假，週一至週五上班。',
    en: 'Only weekday holidays and weekend make-up working days are listed; other Saturdays and Sundays are days off, other weekdays working days.',
  },
  'calendar.no_days': { zh: '本年度未列任何日期。', en: 'This year lists no days.' },
  'calendar.date': { zh: '日期', en: 'Date' },
  'calendar.kind': { zh: '類別', en: 'Kind' },
  'calendar.description': { zh: '說明', en: 'Description' },
  'calendar.holiday': { zh: '放假', en: 'Holiday' },
  'calendar.workday': { zh: '補行上班', en: 'Make-up working day' },
  'calendar.load_title': { zh: '載入年度辦公日曆', en: "Load a year's calendar" },
  'calendar.file': { zh: '日曆檔案', en: 'Calendar file' },
  'calendar.file_hint': {
    zh: '選擇檔案（如 2027.txt）後，內容會填入下方，確認後再載入。',
    en: 'Choose a file (e.g. 2027.txt); its text is filled in below for you to check before loading.',
  },
  'calendar.year_hint': { zh: '西元年，4 位數字，例如 2027', en: 'Four digits, e.g. 2027' },
  'calendar.year_invalid': { zh: '請輸入 4 位數的西元年', en: 'Enter the year in four digits' },
  'calendar.text': { zh: '檔案內容', en: 'File text' },
  'calendar.text_hint': {
    zh: '每行一筆：YYYY-MM-DD holiday|workday 說明；# 之後為註解。載入會取代該年度全部資料。',
    en: 'One entry a line: YYYY-MM-DD holiday|workday description; # starts a comment. Loading replaces the whole year.',
  },
  'calendar.text_required': { zh: '請選擇檔案或貼上檔案內容', en: 'Choose a file or paste its text' },
  'calendar.load_submit': { zh: '載入', en: 'Load' },
  'calendar.load_refused': { zh: '未載入', en: 'Not loaded' },
  'calendar.loaded': { zh: '已載入 {year} 年辦公日曆。', en: 'The calendar of {year} is loaded.' },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof messages;
export type Params = Record<string, string | number>;

// 稱謂 (relation to the head of household) as the register writes them, with English.
const relations: Record<string, string> = {
  戶長: 'Head of household',
  配偶: 'Spouse',
  父: 'Father',
  母: 'Mother',
  子: 'Son',
  女: 'Daughter',
  長子: 'Eldest son',
  次子: 'Second son',
  三子: 'Third son',
  長女: 'Eldest daughter',
  次女: 'Second daughter',
  三女: 'Third daughter',
  孫: 'Grandson',
  孫子: 'Grandson',
  孫女: 'Granddaughter',
  媳: 'Daughter-in-law',
  婿: 'Son-in-law',
  兄: 'Elder brother',
  弟: 'Younger brother',
  姊: 'Elder sister',
  妹: 'Younger sister',
  祖父: 'Grandfather',
  祖母: 'Grandmother',
  同居人: 'Co-resident',
  // 申請人 relations to the subject of an application.
  本人: 'The person themself',
  親屬: 'Relative',
  撫養人: 'Carer',
  受委託人: 'Authorised agent',
  法定代理人: 'Legal representative',
  利害關係人: 'Interested party',
  殯葬處理人: 'Funeral organiser',
  生父: 'Biological father',
  收養人: 'Adopter',
  監護人: 'Guardian',
  戶政事務所: 'The office (ex officio)',
};

const monthsEn = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const kStorageKey = 'huji.lang';
const kHtmlLang: Record<Lang, string> = { zh: 'zh-Hant-TW', en: 'en' };

function readLang(key: string): Lang | null {
  try {
    const v = localStorage.getItem(key);
    return v === 'en' || v === 'zh' ? v : null;
  } catch {
    return null;  // storage disabled: fall back to the default
  }
}

function storedLang(): Lang {
  return readLang(kStorageKey) ?? 'zh';
}

let current: Lang = storedLang();

// The language is each user's, not the browser's: a counter PC is shared. Signed in, the
// user's own choice (huji.lang.user.<username>), else the browser's until they choose;
// signed out, the browser's (huji.lang), which the sign-in page's switch sets.
let languageUser: string | null = null;
const userStorageKey = (username: string) => `${kStorageKey}.user.${username}`;

// A session lost (expired) rather than ended: the same user is likely at the PC, so the
// sign-in page stays in their language; its switch is the browser's again.
export function keepLangWithoutUser(): void {
  languageUser = null;
}

export function setLangUser(username: string | null): void {
  languageUser = username;
  current = (username === null ? null : readLang(userStorageKey(username))) ?? storedLang();
  applyHtmlLang();
}

export function lang(): Lang {
  return current;
}

export function htmlLang(l: Lang = current): string {
  return kHtmlLang[l];
}

export function otherLang(): Lang {
  return current === 'zh' ? 'en' : 'zh';
}

// Switches the interface language, remembers it and updates <html lang>.
export function setLang(l: Lang): void {
  current = l;
  try {
    localStorage.setItem(languageUser === null ? kStorageKey : userStorageKey(languageUser), l);
  } catch {
    // Not remembered; the switch still applies to this page.
  }
  applyHtmlLang();
}

export function applyHtmlLang(): void {
  document.documentElement.lang = kHtmlLang[current];
}

export function t(key: MessageKey, params?: Params): string {
  return tIn(current, key, params);
}

// The text in a given language, whatever the interface shows (e.g. the purpose the server logs).
export function tIn(l: Lang, key: MessageKey, params?: Params): string {
  let text: string = messages[key][l];
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (m, name: string) =>
      name in params ? String(params[name]) : m);
  }
  return text;
}

// A message the server sent in both languages.
export interface ServerMessage {
  message_zh: string;
  message_en: string;
}

export function localized(m: ServerMessage): string {
  return current === 'zh' ? m.message_zh : m.message_en || m.message_zh;
}

// 申請人資格 codes (the server's GET /registrations/applicant-capacities), for applications
// shown later; an application entered before capacities shows its relation word.
const capacities: Record<string, { zh: string; en: string }> = {
  self: { zh: '本人', en: 'The person themself' },
  father: { zh: '父', en: 'Father' },
  mother: { zh: '母', en: 'Mother' },
  spouse: { zh: '配偶', en: 'Spouse' },
  head: { zh: '戶長', en: 'Head of household' },
  grandparent: { zh: '祖父母', en: 'Grandparent' },
  cohabitant: { zh: '同居人', en: 'Member of the household' },
  carer: { zh: '撫養人', en: 'Carer' },
  relative: { zh: '親屬', en: 'Relative' },
  funeral_organiser: { zh: '經理殮葬之人', en: 'Funeral organiser' },
  premises_manager: { zh: '死亡時之房屋或土地管理人', en: 'Manager of the premises of the death' },
  adopter: { zh: '收養人', en: 'Adopter' },
  guardian: { zh: '監護人', en: 'Guardian' },
  interested_party: { zh: '利害關係人', en: 'Interested party' },
  legal_representative: { zh: '法定代理人', en: 'Legal representative' },
  agent: { zh: '受委託人', en: 'Agent with a power of attorney' },
  both_parties: { zh: '雙方當事人', en: 'Both parties together' },
  office: { zh: '戶政事務所（逕為登記）', en: 'The office on its own' },
};

export function capacityText(code: string): string {
  const c = capacities[code];
  return c ? c[current] : relationText(code);
}

export function relationText(relation: string): string {
  if (current === 'zh') return relation;
  return relations[relation] ?? relation;
}

export function removalText(code: string): string {
  const key = `removal.${code}`;
  return key in messages ? t(key as MessageKey) : code;
}

// Dates: ISO in, 民國79年03月02日 or "2 March 1990" out. The server's ROC text wins when given.
export function formatDate(iso: string, rocFromServer?: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return rocFromServer ?? iso;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  if (current === 'zh') return rocFromServer || rocDate(Number(y), mo, d);
  return `${Number(d)} ${monthsEn[Number(mo) - 1] ?? mo} ${y}`;
}

// 民國 year = AD year − 1911; years before 1912 are written 民國前N年.
export function rocDate(year: number, month: string, day: string): string {
  const roc = year - 1911;
  const y = roc > 0 ? `民國${roc}年` : `民國前${1 - roc}年`;
  return `${y}${month}月${day}日`;
}

// A moment (ms since the epoch) in the counter's local time: 民國113年05月01日 14:05.
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const iso = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  return `${formatDate(iso)} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

// NT$ amounts: 新臺幣 300 元, 新臺幣 300–500 元 / NT$300, NT$300–500.
export function moneyRange(min: number, max: number): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const amount = min === max ? n(min) : `${n(min)}–${n(max)}`;
  return current === 'zh' ? `新臺幣 ${amount} 元` : `NT$${amount}`;
}

export function formatPercent(v: number): string {
  const text = (Math.round(v * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
  return `${text} %`;
}

export function typeName(code: string): string {
  const key = `regtype.${code}`;
  return key in messages ? t(key as MessageKey) : code;
}

export function identityCheckText(code: string): string {
  const key = `idcheck.${code}`;
  return key in messages ? t(key as MessageKey) : code;
}
