// Office settings that are policy, not code. Change them here; nothing else needs to move.

// 登記正確率 yearly target in percent (DOMAIN §9: 北斗 ≥ 97 %; 大同 aims at 100 %). The
// sampling screen shows this month's rate against it.
export const kCorrectnessTarget = 97;
