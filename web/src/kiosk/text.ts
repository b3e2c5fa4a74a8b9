// The kiosk's words (/kiosk, no login), in Traditional Chinese and English. The page stands
// alone like /verify: its words are here rather than in the clerks' i18n.ts, whose language
// switch and <html lang> it shares.

import { lang } from '../i18n';

const words = {
  'title': { zh: '抽號碼牌', en: 'Take a queue ticket' },
  'brand': { zh: '戶政事務所', en: 'Household Registration Office' },
  'lang': { zh: 'English', en: '中文' },
  'lang.label': { zh: 'Switch to English', en: '切換為中文' },
  'intro': { zh: '請選擇您要辦理的業務，取得號碼牌。', en: 'Choose what you came for to take a queue ticket.' },
  'priority.legend': { zh: '優先服務（請於叫號時出示證明）', en: 'Priority service (show proof when called)' },
  'priority.none': { zh: '一般', en: 'Regular' },
  'priority.elderly': { zh: '長者（65 歲以上）', en: 'Senior (65 or over)' },
  'priority.disabled': { zh: '身心障礙', en: 'Disability' },
  'priority.pregnant': { zh: '孕婦', en: 'Pregnant' },
  'services.title': { zh: '辦理業務', en: 'Services' },
  'services.loading': { zh: '載入中…', en: 'Loading…' },
  'services.failed': { zh: '目前無法取號，請洽服務台', en: 'Tickets cannot be issued now; please ask at the information desk' },
  'services.retry': { zh: '重試', en: 'Try again' },
  'issuing': { zh: '取號中…', en: 'Issuing…' },
  'issue.failed': { zh: '取號失敗：{reason}', en: 'No ticket was issued: {reason}' },
  'ticket.title': { zh: '您的號碼', en: 'Your number' },
  'ticket.service': { zh: '業務', en: 'Service' },
  'ticket.priority': { zh: '優先', en: 'Priority' },
  'ticket.position': { zh: '前面等候', en: 'Ahead of you' },
  'ticket.position_n': { zh: '{n} 人', en: '{n} people' },
  'ticket.wait': { zh: '預估等候', en: 'Estimated wait' },
  'ticket.wait_value': { zh: '約 {min} 分鐘（{low}–{high} 分鐘）', en: 'About {min} minutes ({low}–{high} minutes)' },
  'ticket.issued_at': { zh: '取號時間', en: 'Issued at' },
  'ticket.follow': { zh: '以手機查看進度：', en: 'Follow your turn on your phone: ' },
  'ticket.print': { zh: '列印號碼牌', en: 'Print ticket' },
  'ticket.done': { zh: '完成', en: 'Done' },
  'ticket.returning': { zh: '{s} 秒後回到首頁', en: 'Back to the start in {s} seconds' },
  'ticket.keep': { zh: '請留意叫號螢幕與廣播。', en: 'Watch the screen and listen for your number.' },
  'progress.title': { zh: '號碼牌進度', en: 'Your ticket' },
  'progress.refresh': { zh: '重新整理', en: 'Refresh' },
  'progress.not_found': { zh: '查無此號碼牌', en: 'No such ticket' },
  'progress.status': { zh: '狀態', en: 'Status' },
  'progress.counter': { zh: '請至 {counter} 號櫃台', en: 'Please go to counter {counter}' },
  'progress.updated': { zh: '更新時間：{at}', en: 'Updated {at}' },
  'progress.new': { zh: '抽新號碼牌', en: 'Take a new ticket' },
  'status.waiting': { zh: '等候中', en: 'Waiting' },
  'status.called': { zh: '已叫號', en: 'Called' },
  'status.done': { zh: '已完成', en: 'Served' },
  'status.no_show': { zh: '過號', en: 'Missed' },
  'status.cancelled': { zh: '已取消', en: 'Cancelled' },
} as const;

export type WordKey = keyof typeof words;

export function w(key: WordKey, params: Record<string, string | number> = {}): string {
  return words[key][lang()].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export function statusText(status: string): string {
  const key = `status.${status}`;
  return key in words ? w(key as WordKey) : status;
}
