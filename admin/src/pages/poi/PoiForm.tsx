import {
  ModalForm,
  ProFormCheckbox,
  ProFormDependency,
  ProFormDigit,
  ProFormList,
  ProFormRadio,
  ProFormSelect,
  ProFormSwitch,
  ProFormText,
} from '@ant-design/pro-components';
import { Col, Row, Typography } from 'antd';
import { CAR_PARK_KINDS, TOILET_KINDS, type CarPark, type Poi, type PoiInput, type PoiType, type Toilet } from '../../services/poi';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'].map((d, i) => ({ value: i + 1, label: `周${d}` }));
const HHMM = { pattern: /^([01]\d|2[0-4]):[0-5]\d$/, message: '格式为 HH:MM' };

/** Form values: the write body with lat/lng flattened. */
export type PoiValues = Omit<PoiInput, 'location'> & { lat: number; lng: number };

export function toValues(p: Poi | null, type: PoiType): Partial<PoiValues> {
  if (!p) return { coordSys: 'gcj02', openingHours: { is24h: true, rules: [] }, kind: type === 'carPark' ? CAR_PARK_KINDS[0] : TOILET_KINDS[0], totalSpaces: 0, evChargers: 0, accessibleSpaces: 0, accessible: false, thirdRestroom: false, babyRoom: false };
  const { location, ...rest } = p;
  return { ...(rest as Partial<CarPark & Toilet>), lat: location.lat, lng: location.lng, coordSys: 'gcj02' };
}

export function toInput(v: PoiValues, type: PoiType): PoiInput {
  const base: PoiInput = {
    name: v.name.trim(),
    address: (v.address ?? '').trim(),
    location: { lat: Number(v.lat), lng: Number(v.lng) },
    coordSys: v.coordSys ?? 'gcj02',
    kind: v.kind,
    openingHours: v.openingHours?.is24h ? { is24h: true, rules: [] } : { is24h: false, rules: v.openingHours?.rules ?? [] },
  };
  if (type === 'carPark') return { ...base, totalSpaces: v.totalSpaces ?? 0, feeText: (v.feeText ?? '').trim(), evChargers: v.evChargers ?? 0, accessibleSpaces: v.accessibleSpaces ?? 0 };
  return { ...base, accessible: !!v.accessible, thirdRestroom: !!v.thirdRestroom, babyRoom: !!v.babyRoom, managingUnit: (v.managingUnit ?? '').trim() };
}

/** 新增 / 编辑 停车场 or 公厕. Resolves true to close. */
export function PoiForm({ type, open, item, onCancel, onSubmit }: { type: PoiType; open: boolean; item: Poi | null; onCancel: () => void; onSubmit: (v: PoiValues) => Promise<boolean> }) {
  const label = type === 'carPark' ? '停车场' : '公厕';
  return (
    <ModalForm<PoiValues>
      key={item?.id ?? 'new'}
      title={item ? `编辑${label}：${item.name}` : `新增${label}`}
      open={open}
      width={680}
      modalProps={{ destroyOnHidden: true, onCancel }}
      initialValues={toValues(item, type)}
      submitter={{ searchConfig: { submitText: '保存' } }}
      onFinish={onSubmit}
    >
      {item?.demo && <Typography.Paragraph type="warning">这是生成的示例数据；保存后仍标记为示例数据，导入真实数据时会被替换。</Typography.Paragraph>}
      <Row gutter={16}>
        <Col span={14}>
          <ProFormText name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 60, message: '名称最多 60 个字' }]} />
        </Col>
        <Col span={10}>
          <ProFormSelect name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]} options={(type === 'carPark' ? CAR_PARK_KINDS : TOILET_KINDS).map((k) => ({ value: k, label: k }))} />
        </Col>
      </Row>
      <ProFormText name="address" label="地址" rules={[{ max: 120, message: '地址最多 120 个字' }]} />
      <Row gutter={16}>
        <Col span={8}>
          <ProFormDigit name="lng" label="经度" min={-180} max={180} fieldProps={{ precision: 6, step: 0.0001 }} rules={[{ required: true, message: '请填写经度' }]} />
        </Col>
        <Col span={8}>
          <ProFormDigit name="lat" label="纬度" min={-90} max={90} fieldProps={{ precision: 6, step: 0.0001 }} rules={[{ required: true, message: '请填写纬度' }]} />
        </Col>
        <Col span={8}>
          <ProFormRadio.Group name="coordSys" label="坐标系" tooltip="高德/腾讯地图取点为 GCJ-02；GPS 设备为 WGS-84（服务器自动转换）" options={[{ value: 'gcj02', label: 'GCJ-02' }, { value: 'wgs84', label: 'WGS-84' }]} />
        </Col>
      </Row>
      {type === 'carPark' ? (
        <>
          <Row gutter={16}>
            <Col span={8}>
              <ProFormDigit name="totalSpaces" label="总车位数" min={0} max={100000} fieldProps={{ precision: 0 }} rules={[{ required: true, message: '请填写总车位数' }]} />
            </Col>
            <Col span={8}>
              <ProFormDigit name="evChargers" label="充电桩数" min={0} max={100000} fieldProps={{ precision: 0 }} />
            </Col>
            <Col span={8}>
              <ProFormDigit name="accessibleSpaces" label="无障碍车位数" min={0} max={100000} fieldProps={{ precision: 0 }} />
            </Col>
          </Row>
          <ProFormText name="feeText" label="收费说明" placeholder="如：首小时 5 元，之后每小时 2 元" rules={[{ max: 200, message: '最多 200 个字' }]} />
        </>
      ) : (
        <>
          <ProFormText name="managingUnit" label="管理单位" rules={[{ max: 60, message: '最多 60 个字' }]} />
          <Row gutter={16}>
            <Col span={8}><ProFormSwitch name="accessible" label="无障碍" /></Col>
            <Col span={8}><ProFormSwitch name="thirdRestroom" label="第三卫生间" /></Col>
            <Col span={8}><ProFormSwitch name="babyRoom" label="母婴室" /></Col>
          </Row>
        </>
      )}
      <ProFormSwitch name={['openingHours', 'is24h']} label="24 小时开放" />
      <ProFormDependency name={[['openingHours', 'is24h']]}>
        {({ openingHours }) =>
          openingHours?.is24h ? null : (
            <ProFormList
              name={['openingHours', 'rules']}
              label="开放时段"
              creatorButtonProps={{ creatorButtonText: '添加时段' }}
              creatorRecord={{ days: [1, 2, 3, 4, 5], open: '08:00', close: '20:00' }}
              rules={[{ validator: async (_, v: unknown[]) => { if (!v || v.length === 0) throw new Error('请至少添加一个时段，或选择 24 小时开放'); } }]}
              itemRender={({ listDom, action }) => (
                <div style={{ display: 'flex', alignItems: 'flex-start', gap: 8 }}>
                  {listDom}
                  {action}
                </div>
              )}
            >
              <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                <ProFormCheckbox.Group name="days" options={WEEKDAYS} rules={[{ required: true, message: '至少选择一天' }]} />
                <ProFormText name="open" width={80} placeholder="08:00" rules={[{ required: true, message: '开始' }, HHMM]} />
                <span style={{ lineHeight: '32px' }}>–</span>
                <ProFormText name="close" width={80} placeholder="20:00" rules={[{ required: true, message: '结束' }, HHMM]} />
              </div>
            </ProFormList>
          )
        }
      </ProFormDependency>
    </ModalForm>
  );
}
