// Plausible names for synthetic people and providers: a common surname and a given name fitting the sex and the
// generation (a woman born in 1945 is 秀英 or 桂兰 far more often than 梓涵).
import type { Sex } from '../domains/people/tables.ts';
import type { Random } from './random.ts';

const words = (text: string) => text.split(' ');

/** Common surnames, weighted roughly by how often they occur in northern Anhui. */
const SURNAMES: [string, number][] = words(
  '王10 李9 张9 刘8 陈6 杨5 赵4 黄3 周4 吴3 徐4 孙4 胡3 朱3 高3 郭3 马3 何2 宋2 郑2 韩2 唐1 冯2 董2 程2 曹2 袁1 许2 沈1 彭1 吕2 苏1 蒋1 贾2 丁2 魏2 薛1 任2 姜1 范1 石1 姚1 邵1 孟1 侯1 邱1 葛1 时1 殷1 尹1',
).map((entry) => [entry[0], Number(entry.slice(1))]);

type Generation = 'elder' | 'adult' | 'child';

const GIVEN: Record<Generation, Record<Sex, string[]>> = {
  elder: {
    male: words(
      '建国 国强 德明 志刚 国华 文华 建华 振华 德胜 长林 宝山 永福 广富 金海 玉林 春生 明亮 学文 树林 庆丰 凤山 守仁 洪亮 立新 卫东 兆华 福来 有才 继光 长海 传志 家和 正清 玉成 世杰 茂林',
    ),
    female: words(
      '秀英 桂兰 玉兰 淑珍 春梅 秀兰 桂英 凤英 玉梅 素珍 翠兰 金花 玉珍 秀珍 桂芳 淑英 兰英 爱华 美兰 月娥 凤兰 玉英 素芳 秀云 淑兰 桂香 巧云 彩霞 丽华 秀芝 玉芝 桂珍',
    ),
  },
  adult: {
    male: words(
      '伟 磊 强 军 勇 杰 涛 斌 浩 鹏 晓东 海涛 志强 建军 俊 超 明 刚 波 辉 宇 飞 鑫 亮 帅 凯 坤 峰 海洋 文博',
    ),
    female: words(
      '丽 娜 静 敏 燕 艳 芳 婷 晓梅 丽娟 秀丽 雪 倩 霞 玲 莉 娟 慧 颖 晶 琳 佳 欢 蕾 萍 红 洁 瑶 丹 琴',
    ),
  },
  child: {
    male: words(
      '子轩 浩宇 宇轩 沐辰 梓豪 睿 奕辰 俊熙 子墨 宸 泽宇 皓轩 铭泽 佑安 宇航 梓睿 锦程 煜 一鸣 嘉树',
    ),
    female: words(
      '梓涵 一诺 欣怡 诗涵 可馨 语桐 若汐 梓萱 沐晴 依诺 思彤 芷若 雨桐 悦 安然 知夏 清妍 语嫣 梦琪 雅涵',
    ),
  },
};

export function generationOf(birthDate: string): Generation {
  const year = Number(birthDate.slice(0, 4));
  if (year < 1966) return 'elder';
  return year < 2015 ? 'adult' : 'child';
}

export function surname(random: Random): string {
  return random.weighted(SURNAMES);
}

/** A full name; `familyName` keeps a child's surname that of the father. */
export function personName(random: Random, sex: Sex, birthDate: string, familyName?: string): string {
  return (familyName ?? surname(random)) + random.pick(GIVEN[generationOf(birthDate)][sex]);
}

/** 字号 of private providers: the auspicious words care homes and nurseries are named after. */
export const PROVIDER_WORDS = words(
  '康乐 福寿 颐和 夕阳红 松鹤 安康 慈孝 金色年华 幸福 乐龄 颐年 康宁 和美 温馨 百岁 长寿 仁和 怡园 阳光 爱心 同心 红日 常青 福星 瑞祥 泰和 德馨 颐康 天伦 万福 惠民 嘉禾 椿萱 寿康 永安 龙泉 相城 凤凰 银龄 暖阳',
);

export const NURSERY_WORDS = words(
  '小星星 贝乐 童趣 启蒙 金宝贝 小天使 彩虹 阳光宝贝 蒲公英 爱贝 小橘灯 童心 乐童 萌芽 小树苗 七色花 小海豚 蓝天 向日葵 育苗 花蕾 欢乐谷 春芽 小脚丫 贝贝佳 童梦 智慧树 红苹果 满天星 小太阳',
);
