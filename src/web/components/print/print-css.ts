/** A sheet's paper: an A4 page, or an 80 mm receipt roll. */
export type PaperSize = 'a4' | 'narrow';

/**
 * Paper layouts of REP-9: A4 sheets with ruled boxes, and an 80 mm receipt where the same facts run
 * down one column. Plain HTML and CSS (no antd) so what the browser prints is what is drawn here.
 */
export const PRINT_CSS = `
.wo-sheet { background: #fff; color: #000; margin: 16px auto; box-shadow: 0 2px 12px rgba(0,0,0,.15);
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  box-sizing: border-box; line-height: 1.5; }
.wo-sheet.a4 { width: 210mm; min-height: 297mm; padding: 14mm 14mm 12mm; font-size: 10.5pt; }
.wo-sheet.narrow { width: 80mm; padding: 4mm 3.5mm 6mm; font-size: 9pt; }
.wo-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 8px; }
.wo-head h1 { margin: 0; font-size: 18pt; letter-spacing: 4px; }
.wo-head .company { font-size: 11pt; font-weight: 600; }
.narrow .wo-head { flex-direction: column; align-items: center; text-align: center; }
.narrow .wo-head h1 { font-size: 13pt; letter-spacing: 2px; }
.narrow .wo-head .company { font-size: 10pt; }
.wo-meta { font-size: 9pt; color: #333; }
.wo-grid { width: 100%; border-collapse: collapse; margin-top: 8px; table-layout: fixed; }
.wo-grid th, .wo-grid td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left;
  word-break: break-all; }
.wo-grid th { background: #f2f2f2; font-weight: 600; width: 16%; white-space: nowrap; }
.wo-grid thead th { text-align: center; width: auto; }
.narrow .wo-grid th, .narrow .wo-grid td { border: none; border-bottom: 1px dashed #888; padding: 2px 4px 2px 0; }
.narrow .wo-grid th { background: none; width: 30%; white-space: normal; }
.wo-section { margin-top: 10px; font-weight: 600; font-size: 11pt; border-left: 4px solid #000; padding-left: 6px; }
.narrow .wo-section { font-size: 9.5pt; border-left: none; border-top: 1px solid #000; padding: 3px 0 0; }
.wo-multiline { white-space: pre-wrap; min-height: 3em; }
.wo-signs { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px; margin-top: 12px; }
.narrow .wo-signs { grid-template-columns: 1fr; gap: 4px; }
.wo-sign { border: 1px solid #000; padding: 4px 6px; min-height: 26mm; display: flex; flex-direction: column; }
.narrow .wo-sign { border: none; border-bottom: 1px solid #000; min-height: 14mm; padding: 2px 0; }
.wo-sign img { max-width: 100%; max-height: 22mm; object-fit: contain; align-self: flex-start; }
.narrow .wo-sign img { max-height: 18mm; }
.wo-sign .when { margin-top: auto; font-size: 8.5pt; color: #333; }
.wo-qr { text-align: center; font-size: 8pt; }
.narrow .wo-qr { margin-top: 6px; }
.wo-foot { margin-top: 10px; font-size: 8.5pt; color: #333; }
.wo-stars { letter-spacing: 1px; }
@media print {
  body, .wo-print-page { background: #fff !important; }
  .wo-print-page { padding: 0 !important; min-height: 0 !important; }
  .no-print { display: none !important; }
  .wo-sheet { margin: 0; box-shadow: none; }
  .wo-sheet.a4 { min-height: auto; }
}
`;
