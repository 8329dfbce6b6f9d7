// The CJK font the PDF report embeds. A report in a font without Chinese glyphs prints boxes, which is worse than no
// report: without one the route answers 503 and says how to configure it.
import { existsSync } from 'node:fs';
import { AppError } from '../../server/errors.ts';

export interface ReportFont {
  path: string;
  /** The PostScript name of the face inside a collection (.ttc); null for a single font file. */
  family: string | null;
}

/** Where Debian's fonts-noto-cjk, fonts-wqy and the usual macOS / Windows fonts put a Simplified Chinese face. */
const KNOWN: readonly ReportFont[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { path: '/System/Library/Fonts/PingFang.ttc', family: 'PingFangSC-Regular' },
  { path: 'C:\\Windows\\Fonts\\simhei.ttf', family: null },
];

/**
 * LAOYOU_REPORT_FONT names a font file, or a collection and the face in it: "/path/font.ttc#NotoSansCJKsc-Regular".
 * When it is set, only it is tried: a configured font that is missing is an error to report, not to paper over.
 */
export function findReportFont(env: NodeJS.ProcessEnv = process.env): ReportFont | null {
  const configured = env.LAOYOU_REPORT_FONT?.trim();
  if (configured) {
    const [path, family] = configured.split('#');
    if (!existsSync(path)) return null;
    return { path, family: family || (path.toLowerCase().endsWith('.ttc') ? 'NotoSansCJKsc-Regular' : null) };
  }
  return KNOWN.find((font) => existsSync(font.path)) ?? null;
}

export const noReportFont = () =>
  new AppError(503, 'report_font_missing', {
    'zh-CN':
      '服务器未找到中文字体，无法生成PDF报告。请安装 fonts-noto-cjk，或用环境变量 LAOYOU_REPORT_FONT 指定字体文件。',
    'en-US':
      'No Chinese font was found on the server, so the PDF report cannot be made. Install fonts-noto-cjk or point ' +
      'LAOYOU_REPORT_FONT at a font file.',
  });
