import dayjs from 'dayjs';
import i18n from '../i18n';

export function formatTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';
}

export function formatTimeSeconds(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '';
}

/** Picks the Chinese or English name of a thing that has both (roles, permissions). */
export function localName(item: { nameZh: string; nameEn: string }): string;
export function localName(nameZh: string, nameEn: string): string;
export function localName(a: string | { nameZh: string; nameEn: string }, b?: string): string {
  const [zh, en] = typeof a === 'string' ? [a, b ?? a] : [a.nameZh, a.nameEn];
  return i18n.language === 'en' ? en || zh : zh || en;
}
