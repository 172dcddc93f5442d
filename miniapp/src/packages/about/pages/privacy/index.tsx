import { View, Text } from '@tarojs/components'
import './index.scss'

const SECTIONS: Array<{ title: string; items: Array<[string, string]> }> = [
  {
    title: '一、我们收集哪些信息、为什么收集',
    items: [
      [
        '照片',
        '您在「随手拍」中拍摄或从相册选择的现场照片，用于让工作人员了解问题情况、核查处置结果。照片上传后，服务器会去除拍摄时间、设备型号、GPS 位置等全部附加信息，只保留画面本身。',
      ],
      [
        '位置',
        '仅在您打开「随手拍」页面时获取当前位置（或由您在地图上选点、手动输入），用于确定问题地点和负责处置的辖区。我们不会在后台持续定位，也不会记录您的行动轨迹。',
      ],
      [
        '联系电话',
        '选填。仅在您主动填写时收集，用于工作人员核实情况和办结回访。选择匿名上报时不收集电话。工作人员界面中电话默认以 138****1234 形式遮盖显示。',
      ],
      ['微信身份标识', '登录时使用微信提供的匿名标识（openid）识别您的账号，以便您查看自己的诉求。我们不获取您的微信昵称、头像或手机号。'],
    ],
  },
  {
    title: '二、信息保存多久',
    items: [
      ['未提交的照片', '上传后 24 小时内未随诉求提交的照片将被自动删除。'],
      ['诉求及附件', '按照城市管理案卷归档要求保存，结案后保存期限届满即删除或匿名化处理。'],
      ['联系电话', '随诉求保存，仅用于该诉求的核实与回访。'],
      ['本机草稿', '未提交成功的草稿只保存在您的手机上，提交成功或您清空草稿后即删除。'],
    ],
  },
  {
    title: '三、信息如何使用和共享',
    items: [
      ['使用范围', '仅用于诉求受理、派遣、处置、核查和满意度回访，以及不含个人身份的统计分析。'],
      ['共享对象', '诉求内容会转交负责处置的辖区城管部门及相关处置单位；不会向其他任何第三方出售或提供您的个人信息。'],
    ],
  },
  {
    title: '四、您的权利',
    items: [
      ['撤回与删除', '诉求在受理前可随时撤回；您可在微信「设置 → 隐私」中关闭位置权限，关闭后仍可手动选择位置。'],
      ['咨询与投诉', '如对个人信息处理有疑问，请拨打城管服务热线 12319。'],
    ],
  },
]

/** 隐私政策: what is collected (photos, location, phone), why, and how long it is kept. */
export default function Privacy() {
  return (
    <View className='page privacy-page'>
      <View className='card'>
        <View className='privacy-page__title'>城管通隐私政策</View>
        <View className='muted'>岳阳市城市管理局 · 更新日期 2026 年 11 月 27 日</View>
        <View className='privacy-page__intro'>
          城管通是岳阳市城市管理局为市民提供问题反映、进度查询等服务的平台。我们只收集办理诉求所必需的信息，并依法保护您的个人信息。
        </View>
      </View>
      {SECTIONS.map((s) => (
        <View key={s.title} className='card'>
          <View className='card__title'>{s.title}</View>
          {s.items.map(([k, v]) => (
            <View key={k} className='privacy-page__item'>
              <Text className='privacy-page__k'>{k}</Text>
              <Text className='privacy-page__v'>{v}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
