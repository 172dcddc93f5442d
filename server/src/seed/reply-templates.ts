import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Models } from '../models/index.js';

/**
 * Built-in 常用语 for every category group, so that a new install's reply box is useful on day one. They are
 * city-wide, belong to the admins (author `system`), and are added once: what an admin edits or deletes
 * (kept retired) stays so, and a later release adds only the entries it newly ships. Replies speak to the
 * resident who reported (they are shown in the mini-program and sent as the WeChat notice).
 */
interface SeedTemplate {
  key: string;
  title: string;
  text: string;
  categoryGroup?: string;
  categoryCode?: string;
}

export const BUILT_IN_REPLY_TEMPLATES: readonly SeedTemplate[] = [
  // general
  { key: 'general:done', title: '已处理完毕', text: '您好，您反映的问题已安排人员到现场处理完毕，感谢您对城市管理工作的支持！' },
  { key: 'general:scheduled', title: '已安排处理', text: '您好，您反映的问题已转交责任单位，我们将尽快安排处理，处理结果会及时告知您。' },
  { key: 'general:not-found', title: '现场未发现', text: '您好，工作人员已按您提供的位置到现场核实，未发现所反映的问题。如问题仍然存在，请补充更准确的位置或照片后重新上报。' },
  { key: 'general:thanks', title: '感谢监督', text: '感谢您的监督与反馈，我们将加强巡查，持续改善市容环境。' },
  // 01 市政公用设施
  { key: '01:cover-fixed', categoryGroup: '01', title: '井盖已补装', text: '您好，您反映的井盖问题已由维护单位补装（更换）完毕，现场已恢复安全通行。' },
  { key: '01:cover-warning', categoryGroup: '01', title: '已设警示，待维修', text: '您好，现场已设置警示围挡，维护单位正在安排维修，请途经时注意安全。' },
  { key: '01:light-fixed', categoryCode: '01037', title: '路灯已修复', text: '您好，您反映的路灯故障已由路灯维护单位检修完毕，现已恢复照明。' },
  { key: '01:gas', categoryGroup: '01', title: '已通知燃气公司', text: '您好，已第一时间通知燃气公司抢修人员到场检查处置。如再闻到燃气味，请立即远离并拨打119或燃气抢修电话。' },
  // 02 交通设施
  { key: '02:facility', categoryGroup: '02', title: '交通设施已修复', text: '您好，您反映的交通设施问题已由管理单位修复，感谢您的反映。' },
  { key: '02:parking', categoryGroup: '02', title: '已通知停车场管理方', text: '您好，已通知停车场管理方整改，并将持续跟踪整改情况。' },
  // 06 市容环境
  { key: '06:garbage', categoryGroup: '06', title: '垃圾已清运', text: '您好，您反映的垃圾问题已安排环卫人员清运完毕，现场已清扫冲洗，感谢您的支持！' },
  { key: '06:road-repair', categoryCode: '06013', title: '道路已修补', text: '您好，您反映的道路破损已由市政维护单位修补完毕，现已恢复通行。' },
  { key: '06:spill', categoryCode: '06014', title: '遗撒已清理', text: '您好，路面遗撒已清理完毕，并已对涉事运输车辆依法处理。' },
  { key: '06:noise', categoryCode: '06028', title: '已劝导，噪声停止', text: '您好，执法人员已到场对噪声源进行劝导，现场噪声已停止。如再次发生，请随时反映。' },
  { key: '06:bbq', categoryCode: '06029', title: '露天烧烤已劝离', text: '您好，执法人员已到场劝离露天烧烤摊点，并将加强该时段巡查。' },
  // 07 宣传广告
  { key: '07:ads-removed', categoryGroup: '07', title: '小广告已清除', text: '您好，您反映的乱张贴、小广告已清除完毕，我们将对张贴者依法查处。' },
  { key: '07:outdoor-ad', categoryCode: '07003', title: '已责令整改户外广告', text: '您好，已责令设置单位限期整改违规户外广告，逾期未改的将依法拆除。' },
  // 08 施工管理
  { key: '08:site-dust', categoryGroup: '08', title: '已督促工地整改', text: '您好，执法人员已到工地现场检查，督促施工单位落实围挡、洒水和覆盖等措施，并将跟踪复查。' },
  { key: '08:night-work', categoryCode: '08001', title: '已制止夜间违规施工', text: '您好，执法人员已到场制止违规夜间施工，施工单位已停止作业。' },
  { key: '08:waste', categoryCode: '08005', title: '施工废弃料已清运', text: '您好，施工废弃料已督促责任单位清运完毕，对乱倒行为将依法处理。' },
  // 09 街面秩序
  { key: '09:vendor', categoryGroup: '09', title: '已劝离流动摊贩', text: '您好，执法人员已到场对占道经营、流动摊贩进行劝导并劝离，后续将加强巡查。' },
  { key: '09:shopfront', categoryCode: '09005', title: '店外经营已整改', text: '您好，已责令商户将店外经营物品搬回店内，现场已恢复整洁。' },
  { key: '09:bikes', categoryGroup: '09', title: '车辆已规范停放', text: '您好，乱停放的非机动车（共享单车）已清理并规范摆放，已通知运营企业加强调度。' },
  { key: '09:fire-lane', categoryCode: '09012', title: '消防通道已清理', text: '您好，占用消防通道的物品（车辆）已清理，通道已恢复畅通。' },
  // 90 本地扩展
  { key: '90:waterlogging', categoryCode: '90001', title: '渍水已排除', text: '您好，您反映的渍水点已组织排水，现场积水已排除，排水设施已清淤疏通。' },
  { key: '90:fireworks', categoryCode: '90002', title: '已制止燃放烟花爆竹', text: '您好，执法人员已到场制止违规燃放烟花爆竹，并进行了宣传教育。' },
  { key: '90:gas', categoryCode: '90003', title: '燃气隐患已处置', text: '您好，燃气公司已到场排查处置，隐患已消除。如再闻到燃气味，请立即远离并拨打119或燃气抢修电话。' },
  { key: '90:toilet', categoryCode: '90004', title: '公厕已保洁维修', text: '您好，您反映的公厕问题已安排保洁和维修，现已恢复正常使用。' },
  { key: '90:collapse', categoryCode: '90005', title: '塌陷已围挡抢修', text: '您好，塌陷区域已设置围挡并组织抢修，修复前请绕行，注意安全。' },
];

/** A fixed ObjectId per seed key: two instances starting at once insert each built-in once (unique _id). */
export function builtInTemplateId(key: string): string {
  return createHash('sha256').update(`reply-template:${key}`).digest('hex').slice(0, 24);
}

/**
 * Adds the built-in templates that are missing (by id, retired ones included: those were deleted by an
 * admin), and gives templates written before templates had a scope the city's scope key.
 */
export async function seedReplyTemplates(models: Models, log: Logger): Promise<number> {
  const unscoped = await models.ReplyTemplate.updateMany({ scopeKey: { $exists: false } }, { $set: { scope: 'city', scopeKey: 'city' } });
  const ids = BUILT_IN_REPLY_TEMPLATES.map((t) => builtInTemplateId(t.key));
  const present = await models.ReplyTemplate.find({ _id: { $in: ids } }, { _id: 1 }).lean();
  const have = new Set(present.map((p) => String(p._id)));
  const missing = BUILT_IN_REPLY_TEMPLATES.filter((t) => !have.has(builtInTemplateId(t.key)));
  if (missing.length) {
    await models.ReplyTemplate.insertMany(
      missing.map((t) => ({
        _id: builtInTemplateId(t.key),
        title: t.title,
        text: t.text,
        categoryCode: t.categoryCode,
        categoryGroup: t.categoryGroup,
        scope: 'city',
        scopeKey: 'city',
        createdBy: 'system',
        createdByName: '系统预置',
        builtIn: true,
        seedKey: t.key,
      })),
      { ordered: false },
    ).catch((err: { code?: number; writeErrors?: unknown[] }) => {
      // another instance inserted the same ids first: that is the point of fixed ids
      if (err.code !== 11000 && !err.writeErrors) throw err;
    });
  }
  if (missing.length || unscoped.modifiedCount) log.info({ seed: 'reply-templates', added: missing.length, scoped: unscoped.modifiedCount }, 'seed loaded');
  return missing.length;
}
